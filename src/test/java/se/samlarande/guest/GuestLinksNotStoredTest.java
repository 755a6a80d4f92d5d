package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.notification.Email;
import se.samlarande.notification.EmailState;
import se.samlarande.notification.GuestLinkIssuer.Purpose;
import se.samlarande.notification.GuestLinkSlot;
import se.samlarande.notification.MailKind;
import se.samlarande.notification.Outbox;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * A guest's personal link exists only in the message the mail server received: the stored email holds the slot it
 * was filled into, no table holds the token, and every hand-over to the server issues a fresh link that works.
 */
@SamlarandeTest
class GuestLinksNotStoredTest extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/g/([A-Za-z0-9_-]{43})");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;

    @Test
    void theTokenThatArrivedBySmtpIsInNoTableAndOpensTheGuestsPage() throws Exception {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        MimeMessage invitation = lastMessageTo(guestEmail);
        List<String> inText = tokens(plainText(invitation));
        List<String> inHtml = tokens(partOfType(invitation, "text/html"));
        assertThat(inText).hasSize(2).doesNotHaveDuplicates(); // the intake form and the blog
        assertThat(inHtml).containsExactlyElementsOf(inText);

        for (String token : inText) {
            assertThat(rowsHolding(token)).as("rows holding the token").isEmpty();
            assertThat(rowsHolding(GuestLinks.hash(token))).containsExactly("SL_ACCESS_TOKEN.TOKEN_HASH");
        }
        Email stored = invitationOf(visit);
        long guest = contactGuestId(visit);
        assertThat(stored.bodyText()).contains(new GuestLinkSlot(Purpose.INTAKE, guest).placeholder(),
                new GuestLinkSlot(Purpose.BLOG, guest).placeholder()).doesNotContain("/g/");
        assertThat(stored.bodyHtml()).contains("href=\"" + new GuestLinkSlot(Purpose.INTAKE, guest).placeholder() + "\"")
                .doesNotContain("/g/");

        assertOpensTheIntake(inText.get(0));
    }

    @Test
    void aRetriedEmailCarriesAFreshLinkThatWorks() throws Exception {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        String first = tokens(plainText(lastMessageTo(guestEmail))).get(0);
        Email invitation = invitationOf(visit);
        int received = subjectsTo(guestEmail).size();

        // the mail server refused the hand-over; the job's retry sends the stored email again
        jdbc.sql("UPDATE sl_email SET state = 'FAILED' WHERE id = ?").param(invitation.id()).update();
        Email retried = outbox.sendOnce(invitation.idempotencyKey(), () -> {
            throw new AssertionError("a stored email is sent as stored, not composed again");
        });

        assertThat(retried.state()).isEqualTo(EmailState.SENT);
        assertThat(subjectsTo(guestEmail)).hasSize(received + 1);
        String second = tokens(plainText(lastMessageTo(guestEmail))).get(0);
        assertThat(second).isNotEqualTo(first);
        assertThat(rowsHolding(second)).isEmpty();
        assertThat(outbox.find(invitation.id()).orElseThrow().bodyText()).doesNotContain(first, second, "/g/");
        assertOpensTheIntake(second);
    }

    private void assertOpensTheIntake(String token) {
        GuestHttp browser = new GuestHttp(port);
        HttpResponse<String> opened = browser.get("/g/" + token);
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/guest/intake"));
        assertThat(browser.get("/guest/intake").statusCode()).isEqualTo(200);
    }

    private Email invitationOf(ProcessInstance visit) {
        return outbox.recent(visitOf(visit).id(), 10).stream().filter(e -> e.kind() == MailKind.INVITATION)
                .findFirst().orElseThrow();
    }

    private MimeMessage lastMessageTo(String address) throws MessagingException {
        MimeMessage[] all = smtp.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            for (Address to : all[i].getAllRecipients()) {
                if (to.toString().equalsIgnoreCase(address)) {
                    return all[i];
                }
            }
        }
        throw new AssertionError("No email to " + address);
    }

    private static List<String> tokens(String body) {
        Matcher m = LINK.matcher(body);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    /** Every text column of every table (the app's and the engine's) that holds the value, as TABLE.COLUMN. */
    private List<String> rowsHolding(String value) {
        List<String[]> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE LOWER(table_schema) = 'public'
                  AND LOWER(data_type) IN ('character varying', 'character large object', 'character', 'text', 'varchar', 'clob')
                ORDER BY table_name, column_name""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(columns.stream().map(c -> c[0].toUpperCase()))
                .contains("SL_EMAIL", "SL_ACCESS_TOKEN", "SL_AUDIT_EVENT", "ACT_HI_VARINST", "ACT_RU_JOB");
        return columns.stream().filter(c -> jdbc.sql("SELECT COUNT(*) FROM \"" + c[0] + "\" WHERE \"" + c[1]
                        + "\" LIKE ?").param("%" + value + "%").query(Long.class).single() > 0)
                .map(c -> (c[0] + "." + c[1]).toUpperCase()).toList();
    }
}
