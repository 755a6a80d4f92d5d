package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;

/**
 * Expressions sent to the engine's APIs are refused before the engine sees them: the shape of the 2026 flaw
 * (expressions in nested task queries, {@code orQueries}) and its disguises, on {@code /engine-rest} and on the
 * webapps' engine API. Ordinary queries pass.
 */
@SamlarandeTest
class EngineExpressionGuardTest {

    @Autowired TestRestTemplate http;
    @LocalServerPort int port;

    @Test
    void expressionsInNestedTaskQueriesAreRefused() {
        // the attack's shape: an expression hidden in an "or" query of a task query
        assertRefused(postTaskQuery("{\"orQueries\":[{\"assigneeExpression\":\"${''.getClass().forName('java.lang.Runtime')}\"}]}"));
        // deeper, in a variable filter of an or query, and with the other expression syntax
        assertRefused(postTaskQuery("{\"orQueries\":[{\"processVariables\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":\"#{1+1}\"}]}]}"));
        // disguised with JSON escapes, which the engine's JSON reader would decode
        assertRefused(postTaskQuery("{\"orQueries\":[{\"nameLike\":\"\\u0024{currentUser()}\"}]}"));
        // in a field name
        assertRefused(postTaskQuery("{\"orQueries\":[{\"${x}\":\"y\"}]}"));
    }

    @Test
    void expressionsInQueryParametersAreRefusedEvenWhenEncoded() {
        var kim = http.withBasicAuth("kim", "kim");
        assertRefused(kim.getForEntity(java.net.URI.create(base() + "/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D"), String.class));
        assertRefused(kim.getForEntity(java.net.URI.create(base() + "/engine-rest/task?assigneeExpression=%2524%257BcurrentUser()%257D"), String.class));
        assertRefused(kim.getForEntity(java.net.URI.create(base() + "/engine-rest/task?candidateGroupsExpression=%23%7Bx%7D"), String.class));
    }

    @Test
    void theWebappsEngineApiRefusesExpressionsToo() {
        var browser = new Browser(port);
        browser.signIn("kim", "kim");
        var refused = browser.get("/camunda/api/engine/engine/default/task?assigneeExpression=%24%7BcurrentUser()%7D&maxResults=5");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Expressions are not accepted");
        assertThat(browser.get("/camunda/api/engine/engine/default/task?assignee=kim&maxResults=5").statusCode()).isEqualTo(200);
    }

    @Test
    void ordinaryQueriesPass() {
        var response = postTaskQuery("{\"orQueries\":[{\"nameLike\":\"%granska%\"},{\"assignee\":\"kim\"}]}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("kim", "kim").getForEntity("/engine-rest/task?assignee=kim&maxResults=5", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<String> postTaskQuery(String json) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("kim", "kim").postForEntity("/engine-rest/task?maxResults=5", new HttpEntity<>(json, headers), String.class);
    }

    private static void assertRefused(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Expressions are not accepted");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
