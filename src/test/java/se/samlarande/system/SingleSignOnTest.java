package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/** One sign-in for the app's pages and Tasklist, Cockpit and Admin, with the engine's authorizations in force. */
@SamlarandeTest
class SingleSignOnTest {

    @LocalServerPort int port;

    @Test
    void tasklistSendsAnonymousVisitorsToTheAppsSignInAndBackAfterwards() {
        // given someone not signed in
        var browser = new Browser(port);

        // when they open Tasklist, then they are sent to the app's login page and its API refuses them
        var tasklist = browser.get("/camunda/app/tasklist/default/");
        assertThat(tasklist.statusCode()).isEqualTo(302);
        assertThat(tasklist.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);

        // when they sign in once, then they land back in Tasklist, signed in to the webapps as themselves
        assertThat(browser.signIn("kim", "kim")).contains("/camunda/app/tasklist/default/");
        assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        var user = browser.get("/camunda/api/admin/auth/user/default");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("\"userId\":\"kim\"").contains("tasklist");
        assertThat(browser.get("/app/visits").statusCode()).isEqualTo(200);
    }

    @Test
    void theWebappsApplyTheEnginesAuthorizationsToTheSignedInPerson() {
        // a host may read the visit process, and may use Tasklist but not Cockpit or Admin
        var host = new Browser(port);
        host.signIn("hanna", "hanna");
        var definitions = host.get("/camunda/api/engine/engine/default/process-definition?key=visit&maxResults=10");
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).contains("\"key\":\"visit\"");
        assertThat(host.get("/camunda/api/admin/auth/user/default").body())
                .contains("\"userId\":\"hanna\"").contains("tasklist").doesNotContain("cockpit").doesNotContain("admin");
    }

    @Test
    void cockpitLoadsTheResultMeasuresPluginForProcessOwners() {
        var owner = new Browser(port);
        owner.signIn("per", "per");
        assertThat(owner.get("/camunda/app/cockpit/default/").body()).contains(ResultsCockpitPlugin.ID);
        var plugin = owner.get("/camunda/api/cockpit/plugin/" + ResultsCockpitPlugin.ID + "/static/app/plugin.js");
        assertThat(plugin.statusCode()).isEqualTo(200);
        assertThat(plugin.body()).contains("cockpit.dashboard").contains("/app/report");
    }

    @Test
    void aForgedWebappLogoutIsRefused() {
        var browser = new Browser(port);
        browser.signIn("kim", "kim");
        assertThat(browser.postWithHeaders("/camunda/api/admin/auth/user/default/logout", "X-XSRF-TOKEN", "forged").statusCode())
                .isEqualTo(403);
    }

    @Test
    void signingOutInAWebappSignsOutOfTheAppToo() {
        var browser = new Browser(port);
        browser.signIn("per", "per");
        var cockpit = browser.get("/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).isEqualTo(200);

        // the webapps' own logout call, with their CSRF token, ends the one session
        String token = cockpit.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        assertThat(browser.postWithHeaders("/camunda/api/admin/auth/user/default/logout", "X-XSRF-TOKEN", token).statusCode())
                .isEqualTo(200);
        assertThat(browser.get("/app/visits").statusCode()).isEqualTo(302);
        assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
    }
}
