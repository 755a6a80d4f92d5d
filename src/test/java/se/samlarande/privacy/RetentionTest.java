package se.samlarande.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.report.Report;
import se.samlarande.report.ReportFilter;
import se.samlarande.report.ReportService;
import se.samlarande.support.SamlarandeTest;

/**
 * The retention rules on visits driven to closed through the process, with the clock moved past their periods
 * (defaults: contact data, intake and evaluations two years, email log one year, blog five years).
 */
@SamlarandeTest
class RetentionTest extends PrivacyScenario {

    private static final String HOST_UNIT = "Vårdcentralen Gallring";
    /** The first scenario's visit alone: April 2020 at this class's host unit. */
    private static final ReportFilter APRIL_2020 = new ReportFilter(LocalDate.of(2020, 4, 1), LocalDate.of(2020, 4, 30),
            HOST_UNIT, null);
    private static final List<String> FIGURE_TABLES = List.of("visits-per-month", "partner-levels", "intake",
            "evaluations", "score-distribution", "purpose-met", "practice-introduced", "blog-activity", "cycle-times");

    @Autowired ReportService reports;

    @Override
    String hostUnit() {
        return HOST_UNIT;
    }
    @Autowired HistoryService history;
    @Autowired se.samlarande.partner.PartnerDirectory partners;
    @Autowired se.samlarande.partner.PartnerRegister partnerRegister;
    @Autowired RepositoryService repository;

    @Test
    void personalDataPastItsTimeIsAnonymisedWhileTheReportKeepsItsFigures() {
        // given a visit of April 2020 and one of April 2021, both driven to closed and their practice followed up
        Driven old = register(LocalDate.of(2020, 4, 20), "Olle Gammal", uniqueEmail("olle"));
        driveToHosting(old);
        Instant oldClosed = driveToClosed(old);
        Driven recent = register(LocalDate.of(2021, 4, 19), "Rita Ny", uniqueEmail("rita"));
        driveToHosting(recent);
        driveToClosed(recent);
        Report before = reports.report(APRIL_2020, Locale.forLanguageTag("sv"));
        assertThat(before.figures().visits()).isEqualTo(1);
        assertThat(before.figures().practiceIntroduced()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(old.instance().getId())
                .variableName("contactEmail").includeDeleted().count()).isEqualTo(1);

        // when the clock is two years and a day past the first visit's close and the job runs
        moveClockTo(plus(oldClosed, Period.ofYears(2).plusDays(1)));
        retention.apply();

        // then the first visit's guests are anonymised, their links gone, their free text blanked, the emails emptied
        long oldId = old.visit().id();
        assertThat(jdbc.sql("SELECT name, email FROM sl_participant WHERE visit_id = ?").param(oldId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list())
                .singleElement().satisfies(p -> assertThat(p).matches("Anonymiserad anonymiserad-\\d+@invalid"));
        assertThat(count("SELECT COUNT(*) FROM sl_access_token WHERE visit_id = ?", oldId)).isZero();
        assertThat(jdbc.sql("SELECT goals_and_purpose, improvement_work FROM sl_intake WHERE visit_id = ?").param(oldId)
                .query((rs, n) -> rs.getString(1) + rs.getString(2)).single()).isEmpty();
        assertThat(jdbc.sql("SELECT score, went_well, to_improve FROM sl_evaluation WHERE visit_id = ? ORDER BY score")
                .param(oldId).query((rs, n) -> rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getString(3)).list())
                .containsExactly("4:null:null", "5:null:null");
        assertThat(count("SELECT COUNT(*) FROM sl_email WHERE visit_id = ?", oldId)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM sl_email WHERE visit_id = ? AND (recipient <> 'anonymiserad@invalid' "
                + "OR body_text <> '' OR body_html <> '' OR calendar_ics IS NOT NULL)", oldId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_blog_view WHERE visit_id = ? AND viewer IS NOT NULL", oldId)).isZero();
        // the host's answer on the practice keeps only whether it was introduced
        assertThat(jdbc.sql("SELECT introduced, what_was_introduced, effect, obstacles, erased_at FROM sl_practice_follow_up WHERE visit_id = ?")
                .param(oldId).query((rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + ":"
                        + rs.getString(4) + ":" + (rs.getTimestamp(5) != null)).single())
                .isEqualTo("YES:null:null:null:true");
        // and the engine's history no longer holds the contact or the task forms' overviews
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(old.instance().getId())
                .variableNameIn("contactName", "contactEmail", "answersOverview", "hostingNotes").includeDeleted().count())
                .isZero();
        // but the blog, kept five years, still has its post and image
        assertThat(count("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND erased_at IS NULL AND body_html <> ''", oldId))
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM sl_blog_attachment a JOIN sl_blog_post p ON p.id = a.post_id WHERE p.visit_id = ?",
                oldId)).isEqualTo(1);

        // and the result measures for April 2020 show the same figures as before
        Report after = reports.report(APRIL_2020, Locale.forLanguageTag("sv"));
        assertThat(after.figures()).isEqualTo(before.figures());
        FIGURE_TABLES.forEach(id -> assertThat(after.table(id).orElseThrow().rows()).as(id)
                .isEqualTo(before.table(id).orElseThrow().rows()));
        assertThat(after.table("evaluation-answers").orElseThrow().column(2))
                .isEqualTo(before.table("evaluation-answers").orElseThrow().column(2));
        assertThat(after.table("practice-follow-up").orElseThrow().column(4))
                .isEqualTo(before.table("practice-follow-up").orElseThrow().column(4));
        assertThat(before.table("practice-follow-up").orElseThrow().column(5)).containsExactly("Triage i entrén efter besöket");
        assertThat(after.table("practice-follow-up").orElseThrow().column(5)).containsOnlyNulls();

        // and the audit log says what was done, by the system
        assertThat(jdbc.sql("SELECT actor FROM sl_audit_event WHERE visit_id = ? AND action = 'RETENTION_APPLIED'")
                .param(oldId).query(String.class).list()).containsExactly("system");
        assertThat(auditActions(oldId, "RETENTION_APPLIED").get(0))
                .contains("kontaktuppgifter (1 gäster anonymiserade", "underlag (1 underlag tömda)",
                        "utvärderingar tömda, betygen kvar", "uppföljningens fritext (1 uppföljningar tömda", "e-postloggen")
                .doesNotContain("bloggen");

        // and the visit still within its period is untouched, apart from its email log (one year)
        long recentId = recent.visit().id();
        assertThat(jdbc.sql("SELECT email FROM sl_participant WHERE visit_id = ?").param(recentId).query(String.class).single())
                .isEqualTo(recent.guestEmail());
        assertThat(count("SELECT COUNT(*) FROM sl_access_token WHERE visit_id = ?", recentId)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM sl_intake WHERE visit_id = ? AND goals_and_purpose = 'Mål från Rita Ny'",
                recentId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sl_evaluation WHERE visit_id = ? AND went_well IS NOT NULL", recentId)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM sl_practice_follow_up WHERE visit_id = ? AND what_was_introduced IS NOT NULL",
                recentId)).isEqualTo(1);
        assertThat(auditActions(recentId, "RETENTION_APPLIED")).singleElement()
                .satisfies(detail -> assertThat(detail).contains("e-postloggen").doesNotContain("kontaktuppgifter"));

        // when the job runs again at once (another node, or the next night)
        retention.apply();

        // then nothing is done twice
        assertThat(auditActions(oldId, "RETENTION_APPLIED")).hasSize(1);
        assertThat(auditActions(recentId, "RETENTION_APPLIED")).hasSize(1);

        // when five years have passed since the first visit closed
        moveClockTo(plus(oldClosed, Period.ofYears(5).plusDays(1)));
        retention.apply();

        // then its blog is emptied (texts, images) while its counts stay in the report
        assertThat(count("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND (erased_at IS NULL OR body_html <> '')", oldId))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_blog_attachment a JOIN sl_blog_post p ON p.id = a.post_id WHERE p.visit_id = ?",
                oldId)).isZero();
        assertThat(blog.timeline(oldId, true).isEmpty()).isTrue();
        Report later = reports.report(APRIL_2020, Locale.forLanguageTag("sv"));
        assertThat(later.figures()).isEqualTo(before.figures());
        assertThat(later.table("blog-activity").orElseThrow().rows()).isEqualTo(before.table("blog-activity").orElseThrow().rows());
        assertThat(auditActions(oldId, "RETENTION_APPLIED")).hasSize(2).last()
                .satisfies(detail -> assertThat(detail).contains("bloggen"));
        // and the second visit's contact data has now passed its two years too
        assertThat(jdbc.sql("SELECT name FROM sl_participant WHERE visit_id = ?").param(recentId).query(String.class).single())
                .isEqualTo("Anonymiserad");
    }

    @Test
    void twoNodesRunningTheJobAtOnceAnonymiseAndAuditEachVisitOnce() throws Exception {
        // given two visits of summer 2020, closed, and the clock two years and a day past the later close
        Driven first = register(LocalDate.of(2020, 7, 6), "Nils Nod", uniqueEmail("nils"));
        driveToHosting(first);
        driveToClosed(first);
        Driven second = register(LocalDate.of(2020, 8, 10), "Nora Nod", uniqueEmail("nora"));
        driveToHosting(second);
        Instant closed = driveToClosed(second);
        moveClockTo(plus(closed, Period.ofYears(2).plusDays(1)));

        // when two nodes start the job at the same moment
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Retention.Run>> runs = nodes.invokeAll(List.of(() -> {
                start.await();
                return retention.apply();
            }, () -> {
                start.await();
                return retention.apply();
            }));
            for (var run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdown();
        }

        // then each visit is anonymised and audited exactly once
        for (Driven visit : List.of(first, second)) {
            assertThat(auditActions(visit.visit().id(), "RETENTION_APPLIED")).as(visit.visit().reference()).hasSize(1);
            assertThat(jdbc.sql("SELECT name FROM sl_participant WHERE visit_id = ?").param(visit.visit().id())
                    .query(String.class).single()).isEqualTo("Anonymiserad");
            assertThat(count("SELECT COUNT(*) FROM sl_retention_applied WHERE visit_id = ?", visit.visit().id()))
                    .isEqualTo(6);
        }
    }

    @Test
    void contactPeopleInThePartnerRegisterAreKeptAsLongAsTheirChoiceToBeContactedAgainSays() {
        // given two guests of visits of March 2020, one of whom says yes to being contacted again, told a coordinator
        Driven friend = register(LocalDate.of(2020, 3, 9), "Karin Kvar", uniqueEmail("karin"));
        driveToHosting(friend);
        Instant friendClosed = driveToClosed(friend);
        Driven other = register(LocalDate.of(2020, 3, 16), "Nils Nej", uniqueEmail("nils"));
        driveToHosting(other);
        Instant otherClosed = driveToClosed(other);
        long partner = partners.partnerOf(friend.visit().id()).orElseThrow().id();
        partnerRegister.recordConsent(partner, contactId(friend.guestEmail()), true, "kim");
        // (recorded once both processes have ended, after the practice follow-up some months after the close)
        Instant chosen = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();

        // when the contact data period has passed since both visits closed
        moveClockTo(plus(otherClosed, Period.ofYears(2).plusDays(1)));
        Retention.Run run = retention.apply();

        // then the guest who did not say yes is anonymised in the register, the competence friend kept
        assertThat(run.contacts()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact WHERE email = ?", other.guestEmail())).isZero();
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact c JOIN sl_participant g ON g.contact_id = c.id "
                + "WHERE g.id = ? AND c.name = 'Anonymiserad' AND c.anonymised_at IS NOT NULL", other.guestId())).isEqualTo(1);
        assertThat(partners.competenceFriends(partner)).extracting(se.samlarande.partner.Contact::email)
                .contains(friend.guestEmail());
        assertThat(count("SELECT COUNT(*) FROM sl_audit_event WHERE action = 'RETENTION_APPLIED' AND visit_id IS NULL "
                + "AND detail LIKE '%kontaktpersoner i partnerregistret anonymiserade%'")).isPositive();

        // when the competence friends' period has passed too (since the visit, and since the choice was recorded),
        // then the friend goes as well
        assertThat(friendClosed).isBefore(otherClosed);
        moveClockTo(plus(chosen, Period.ofYears(5).plusDays(1)));
        retention.apply();
        assertThat(count("SELECT COUNT(*) FROM sl_partner_contact WHERE email = ?", friend.guestEmail())).isZero();
        assertThat(partners.competenceFriends(partner)).extracting(se.samlarande.partner.Contact::email)
                .doesNotContain(friend.guestEmail());
    }

    private long contactId(String email) {
        return jdbc.sql("SELECT id FROM sl_partner_contact WHERE email = ?").param(email).query(Long.class).single();
    }

    @Test
    void theEngineKeepsHistoryAsLongAsTheEngineHistorySettingSays() {
        // given the default setting, two years
        // then every version of the process has that history time-to-live, for the engine's cleanup to follow
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("visit").list())
                .isNotEmpty().allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(730));
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
