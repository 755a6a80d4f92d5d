package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.server.ResponseStatusException;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.notification.GuestLinkIssuer.Purpose;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitRegistration;
import se.samlarande.visit.VisitService;

/**
 * Without an SMTP server an email is only recorded, with the slot where a guest's link goes and no link issued; on
 * the embedded default the outbox's button issues one on request. Links stored in older emails are taken out.
 */
@SamlarandeTest
class OutboxGuestLinkDemoTest {

    private static final RequestPostProcessor COORDINATOR = user("kim").authorities(() -> "coordinators");

    @Autowired OutboxRepository emails;
    @Autowired MailProperties properties;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;
    @Autowired GuestLinkIssuer links;
    @Autowired VisitService visits;
    @Autowired AnswerService answers;
    @Autowired StaffDirectory staff;
    @Autowired MailComposer composer;
    @Autowired CalendarInvites calendar;
    @Autowired PracticeFollowUps followUps;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired StoredGuestLinkRemoval removal;
    @LocalServerPort int port;

    private Outbox noSmtp;
    private Visit visit;
    private long guest;

    @BeforeEach
    void aVisitAndAnOutboxWithoutSmtp() {
        noSmtp = new Outbox(emails, new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), properties,
                links, transactions, clock);
        visit = visits.register(new VisitRegistration("Vårdcentralen Ryhov", "Digital triage",
                LocalDate.of(2031, 5, 5), LocalDate.of(2031, 5, 6), "NHS Lothian", PartnerLevel.INTERNATIONAL,
                "Fiona Grant", "fiona-" + UUID.randomUUID() + "@nhs.example.org", Language.EN, "kim"));
        guest = visits.guests(visit.id()).get(0).id();
    }

    @Test
    void aRecordedInvitationHoldsNoTokenAndTheOutboxButtonIssuesOneThatWorks() throws Exception {
        VisitMailer mailer = new VisitMailer(visits, answers, staff, composer, noSmtp, ZoneId.of("Europe/Stockholm"),
                calendar, followUps);
        Email recorded = mailer.send(visit.id(), MailKind.INVITATION, "demo", null).get(0);

        GuestLinkSlot intake = new GuestLinkSlot(Purpose.INTAKE, guest);
        assertThat(recorded.state()).isEqualTo(EmailState.RECORDED);
        Email stored = emails.findById(recorded.id()).orElseThrow();
        assertThat(stored.bodyText()).contains(intake.placeholder()).doesNotContain("/g/");
        assertThat(stored.bodyHtml()).contains(intake.placeholder()).doesNotContain("/g/");
        assertThat(linksIssuedFor(guest)).isZero();

        String location = mvc.perform(post("/app/outbox/" + recorded.id() + "/guest-link").with(COORDINATOR).with(csrf())
                        .param("purpose", "INTAKE").param("participant", String.valueOf(guest)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        assertThat(location).matches("http://localhost:8080/g/[A-Za-z0-9_-]{43}");
        String token = location.substring(location.lastIndexOf('/') + 1);
        assertThat(links.slotOf(token)).hasValue(intake);
        assertThat(linksIssuedFor(guest)).isOne();
        HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/g/" + token)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/guest/intake"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_email WHERE body_text LIKE ? OR body_html LIKE ?")
                .params("%" + token + "%", "%" + token + "%").query(Long.class).single()).isZero();
    }

    @Test
    void theButtonIssuesOnlyTheLinksOfItsEmailAndOnlyWithCsrf() throws Exception {
        Email recorded = noSmtp.send(new Outbox.Draft("test:" + UUID.randomUUID(), visit.id(), MailKind.INVITATION,
                "guest@example.org", "sv", new MailContent("Inbjudan",
                        "Fyll i: " + new GuestLinkSlot(Purpose.INTAKE, guest).placeholder(), "<p>Hej</p>")));
        String path = "/app/outbox/" + recorded.id() + "/guest-link";

        mvc.perform(post(path).with(COORDINATOR).param("purpose", "INTAKE").param("participant", String.valueOf(guest)))
                .andExpect(status().isForbidden());
        mvc.perform(post(path).with(COORDINATOR).with(csrf()).param("purpose", "EVALUATION")
                .param("participant", String.valueOf(guest))).andExpect(status().isBadRequest());
        mvc.perform(post(path).with(COORDINATOR).with(csrf()).param("purpose", "INTAKE")
                .param("participant", String.valueOf(guest + 1))).andExpect(status().isBadRequest());
        mvc.perform(post(path).with(COORDINATOR).with(csrf()).param("purpose", "ADMIN")
                .param("participant", String.valueOf(guest))).andExpect(status().isBadRequest());
        assertThat(linksIssuedFor(guest)).isZero();

        OutboxController withoutTheSwitch = new OutboxController(noSmtp, links, false);
        assertThatThrownBy(() -> withoutTheSwitch.openGuestPage(recorded.id(), Purpose.INTAKE, guest,
                () -> "kim")).isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
        assertThat(linksIssuedFor(guest)).isZero();
    }

    @Test
    void linksInEmailsStoredBeforeBecomeTheirSlotsOrANote() {
        String issued = links.issue(visit.id(), guest, Purpose.EVALUATION);
        String unknown = "http://localhost:8080/g/" + "Q".repeat(43);
        String key = "old:" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO sl_email (idempotency_key, visit_id, kind, recipient, language, subject, body_text, body_html,
                                      state, attempts, created_at)
                VALUES (?, ?, 'EVALUATION_REQUEST', 'guest@example.org', 'en', 'Evaluation', ?, ?, 'FAILED', 1, ?)""")
                .params(key, visit.id(), "Answer here:\n" + issued + "\n\nOld: " + unknown + "\nMore: https://www.region.se/g/",
                        "<a href=\"" + issued + "\">Answer</a> <a href='" + unknown + "'>Old</a>",
                        Timestamp.from(clock.instant()))
                .update();

        assertThat(removal.removeStoredLinks()).isPositive();

        Email email = emails.findByKey(key).orElseThrow();
        String slot = new GuestLinkSlot(Purpose.EVALUATION, guest).placeholder();
        assertThat(email.bodyText()).isEqualTo("Answer here:\n" + slot + "\n\nOld: " + GuestLinkSlot.NOTE
                + "\nMore: https://www.region.se/g/");
        assertThat(email.bodyHtml()).isEqualTo("<a href=\"" + slot + "\">Answer</a> <a href='" + GuestLinkSlot.NOTE
                + "'>Old</a>");
        assertThat(removal.removeStoredLinks()).isZero();
    }

    private long linksIssuedFor(long participant) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_access_token WHERE participant_id = ?").param(participant)
                .query(Long.class).single();
    }
}
