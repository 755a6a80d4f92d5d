package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.blog.BlogPost;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.Phase;
import se.samlarande.blog.PostKind;
import se.samlarande.evaluation.AnswerService.Outcome;
import se.samlarande.report.VisitResult;
import se.samlarande.report.VisitResults;
import se.samlarande.support.FormViews;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitActions;
import se.samlarande.visit.VisitState;

/** One scenario per path through {@code bpmn/visit.bpmn}, with what each does to the world: rows and emails. */
@SamlarandeTest
class VisitLifecycleScenarioTest extends VisitScenario {

    private static final String HOST_EMAIL = "hanna@samlarande.local";

    @Autowired VisitActions visitActions;
    @Autowired VisitResults results;
    @Autowired BlogService blog;

    @Test
    void aVisitRunsFromRegistrationToItsClosingSummary() {
        // given a registered visit whose invitation has gone out
        ProcessInstance visit = registerVisit();
        Visit registered = visitOf(visit);
        assertThat(registered.reference()).matches("SL-2027-\\d{4}");
        assertThat(visit).isWaitingAt(TASK_SEND_INVITATIONS);
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).containsExactly("Invitation to a co-learning visit: Digital triage i primärvården");
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);

        // when the guest's intake arrives (here: recorded by a coordinator after a phone call)
        Outcome outcome = answers.recordIntake(registered.id(), contactGuestId(visit),
                "See how nurses triage by video", "Our falls-prevention work", "kim");

        // then the host reviews it, with what the guest wrote on the task's form: the task is created by the job
        // executor once the intake's transaction has committed (the guest's post does not wait for it)
        assertThat(outcome).isEqualTo(Outcome.RECEIVED);
        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);
        assertThat(tasks.createTaskQuery().processInstanceId(visit.getId()).count()).isZero();
        assertThat(runDueJobs(visit)).isEqualTo(1);
        assertThat(FormViews.shown(tasks.getVariable(task(visit, TASK_REVIEW_INTAKE).getId(), "answersOverview")))
                .contains("See how nurses triage by video", "Our falls-prevention work", "registrerat av kim")
                .doesNotContain(guestEmail);
        complete(visit, TASK_REVIEW_INTAKE, "hanna", "programme", "Day 1: video triage room\nDay 2: falls team");
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).contains("Confirmation and programme: Digital triage i primärvården");
        assertThat(lastBodyTo(guestEmail)).contains("Day 1: video triage room");
        assertThat(visit).isWaitingAt(TIMER_VISIT_STARTS);
        assertThat(posts(registered.id())).singleElement().satisfies(post -> {
            assertThat(post.kind()).isEqualTo(PostKind.MILESTONE);
            assertThat(post.authorName()).isEqualTo("Samlärande");
            assertThat(post.title()).isEqualTo("The visit is confirmed");
            assertThat(post.bodyHtml()).contains("Day 1: video triage room<br />");
        });

        // the visit starts on its first day, and the host reports on it
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit);
        assertThat(task(visit, TASK_HOST_VISIT).getDueDate()).isEqualTo(Date.from(at(VISIT_TO, 17, 0)));
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 7L, "hostingNotes", "Good questions",
                "sharedWork", "Falls prevention");
        assertThat(visits.hostingReport(registered.id())).hasValueSatisfying(r -> assertThat(r.attendance()).isEqualTo(7));

        // both evaluate
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).contains("How was your visit? Evaluation of Digital triage i primärvården");
        assertThat(answers.recordGuestEvaluation(registered.id(), contactGuestId(visit), 5, "Everything", null, "kim"))
                .isEqualTo(Outcome.RECEIVED);
        complete(visit, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "4", "hostWentWell", "Engaged guests");

        // the summary meeting is scheduled, held, and the visit closes with its figures
        complete(visit, TASK_SCHEDULE_SUMMARY_MEETING, "kim", "summaryMeetingTime", "2027-02-01T10:00",
                "summaryMeetingPlace", "Teams");
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).contains("Invitation to the summary meeting: Digital triage i primärvården");
        assertThat(subjectsTo(HOST_EMAIL)).contains("Inbjudan till summeringsmöte: Digital triage i primärvården");
        assertThat(visit).isWaitingAt(TIMER_SUMMARY_MEETING_HELD);
        moveClockTo(at(LocalDate.of(2027, 2, 1), 10, 0));
        runDueJobs(visit);
        complete(visit, TASK_HOLD_SUMMARY_MEETING, "kim", "purposeMet", "YES", "learned", "Video triage saves trips",
                "introduceInPractice", "Pilot video triage", "followUpActions", "Kim follows up in March",
                "publishOnBlog", true);

        // the meeting wants its summary on the blog: a coordinator approves the post drafted from its answers
        assertThat(visit).isWaitingAt(TASK_APPROVE_SUMMARY_POST);
        assertThat(tasks.getIdentityLinksForTask(task(visit, TASK_APPROVE_SUMMARY_POST).getId()))
                .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId).containsExactly("coordinators");
        assertThat((String) tasks.getVariable(task(visit, TASK_APPROVE_SUMMARY_POST).getId(), "summaryPostText"))
                .contains("The purpose of the visit was met.", "Video triage saves trips", "Pilot video triage");
        complete(visit, TASK_APPROVE_SUMMARY_POST, "kim", "summaryPostDecision", "approve",
                "summaryPostText", "We learned that video triage saves trips.\n\nNext: a pilot in March.");

        // the visit closes with its figures; its process waits to follow up the practice some months later
        assertThat(visit).hasPassed(TASK_CLOSE_VISIT, TASK_PLAN_PRACTICE_FOLLOW_UP).isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        assertThat(visits.get(registered.id()).state()).isEqualTo(VisitState.CLOSED);
        VisitResult result = results.find(registered.id()).orElseThrow();
        assertThat(result.intakesReceived()).isEqualTo(1);
        assertThat(result.intakesOnTime()).isEqualTo(1);
        assertThat(result.guestEvaluations()).isEqualTo(1);
        assertThat(result.guestScoreAverage()).isEqualByComparingTo(new BigDecimal("5.00"));
        assertThat(result.hostScore()).isEqualTo(4);
        assertThat(result.purposeMet()).isEqualTo("YES");
        assertThat(result.emailsSent()).isEqualTo(5); // invitation, confirmation, evaluation request, 2 summary invitations
        assertThat(answers.summary(registered.id())).hasValueSatisfying(s -> {
            assertThat(s.learned()).isEqualTo("Video triage saves trips");
            assertThat(s.publishApproved()).isTrue();
        });
        assertThat(posts(registered.id())).hasSize(2).last().satisfies(post -> {
            assertThat(post.kind()).isEqualTo(PostKind.SUMMARY);
            assertThat(post.phase()).isEqualTo(Phase.AFTER);
            assertThat(post.title()).isEqualTo("Summary of the visit");
            assertThat(post.bodyHtml()).isEqualTo("<p>We learned that video triage saves trips.</p>\n<p>Next: a pilot in March.</p>");
        });

        // and three months later the host tells what of it was put into practice: the process ends there
        followUpThePractice(visit, "YES", "Video triage at two health centres", "Fewer trips for the patients");
        assertThat(visit).isEnded().hasPassed(TASK_FOLLOW_UP_PRACTICE, END_VISIT_COMPLETED);
        assertThat(posts(registered.id())).hasSize(3).last().satisfies(post -> {
            assertThat(post.kind()).isEqualTo(PostKind.PRACTICE_FOLLOW_UP);
            assertThat(post.bodyHtml()).contains("Video triage at two health centres");
        });
    }

    @Test
    void aSummaryNotWantedOnTheBlogClosesTheVisitWithoutAnApproval() {
        // given a visit at its summary meeting
        ProcessInstance visit = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(visit);

        // when the meeting does not want its summary published
        holdTheSummaryMeeting(visit, false);

        // then the visit closes at once (its process goes on to the practice follow-up), and the blog holds only the milestone
        assertThat(visit).hasPassed(TASK_CLOSE_VISIT).hasNotPassed(TASK_APPROVE_SUMMARY_POST)
                .isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        assertThat(visitOf(visit).state()).isEqualTo(VisitState.CLOSED);
        assertThat(posts(visitOf(visit).id())).extracting(BlogPost::kind).containsExactly(PostKind.MILESTONE);
    }

    @Test
    void aRejectedSummaryPostIsNotPublished() {
        // given a meeting that wanted its summary on the blog
        ProcessInstance visit = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(visit);
        holdTheSummaryMeeting(visit, true);

        // an approval without a decision is refused with a message, and the task stays
        assertThatThrownBy(() -> complete(visit, TASK_APPROVE_SUMMARY_POST, "kim", "summaryPostDecision", "maybe"))
                .hasMessageContaining("godkänn eller avslå");
        assertThat(visit).isWaitingAt(TASK_APPROVE_SUMMARY_POST);

        // when the coordinator rejects the post
        complete(visit, TASK_APPROVE_SUMMARY_POST, "kim", "summaryPostDecision", "reject");

        // then the visit closes and nothing is published
        assertThat(visit).hasPassed(TASK_APPROVE_SUMMARY_POST, TASK_CLOSE_VISIT).isWaitingAt(TIMER_PRACTICE_FOLLOW_UP_DUE);
        assertThat(visitOf(visit).state()).isEqualTo(VisitState.CLOSED);
        assertThat(posts(visitOf(visit).id())).extracting(BlogPost::kind).doesNotContain(PostKind.SUMMARY);
        assertThat(runtime.createVariableInstanceQuery().variableName("summaryPostText").list()).isEmpty();
    }

    private java.util.List<BlogPost> posts(long visitId) {
        return blog.timeline(visitId, true).sections().stream().flatMap(s -> s.posts().stream()).toList();
    }

    @Test
    void lateIntakeIsRemindedThenEscalatedAndTheDeadlineExtended() {
        // given a visit whose guests do not answer
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        Instant deadline = at(VISIT_FROM.minusDays(14), 17, 0);
        assertThat(visitOf(visit).intakeDeadline()).isEqualTo(deadline);

        // when reminders come due (every 5 days, 3 at most) and the deadline passes
        Instant clock = NOW;
        for (int reminder = 1; reminder <= 3; reminder++) {
            clock = clock.plusSeconds(5 * 86400 + 60);
            moveClockTo(clock);
            runDueJobs(visit);
            assertThat(subjectsTo(guestEmail)).filteredOn(s -> s.startsWith("Reminder: your brief")).hasSize(reminder);
            assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
        }
        moveClockTo(deadline.plusSeconds(60));
        runDueJobs(visit);

        // then three reminders went out, once each, and a coordinator follows up
        assertThat(subjectsTo(guestEmail)).filteredOn(s -> s.startsWith("Reminder")).hasSize(3);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_MISSING_INTAKE);

        // an extension needs a date in the future
        assertThatThrownBy(() -> complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "extend",
                "newIntakeDeadline", "2026-12-20")).hasMessageContaining("måste vara i framtiden");
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_MISSING_INTAKE);

        // when the coordinator extends the deadline
        complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "extend",
                "newIntakeDeadline", "2027-01-10");

        // then the process waits again, with its deadline timer on the new date
        Instant extended = at(LocalDate.of(2027, 1, 10), 17, 0);
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);
        assertThat(timerDue(visit, BOUNDARY_INTAKE_DEADLINE_PASSED)).isEqualTo(extended);
        assertThat(visitOf(visit).intakeDeadline()).isEqualTo(extended);

        // and an intake that then arrives moves it on
        answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Goals", "Work", "kim");
        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);
    }

    @Test
    void missingIntakeLetsTheCoordinatorCancelTheVisit() {
        // given a visit past its intake deadline
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM.minusDays(14), 17, 1));
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_MISSING_INTAKE);

        // a cancellation needs a reason for the guests
        assertThatThrownBy(() -> complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "cancel"))
                .hasMessageContaining("Ange varför");

        // when the coordinator cancels
        complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "cancel", "cancelReason",
                "No brief received");
        runDueJobs(visit);

        // then the guests are told why and the visit is cancelled
        assertThat(visit).isEnded().hasPassed(END_CANCELLED_WITHOUT_INTAKE);
        assertThat(subjectsTo(guestEmail)).last().asString().startsWith("The visit is cancelled");
        assertThat(lastBodyTo(guestEmail)).contains("Reason: No brief received");
        Visit cancelled = visitOf(visit);
        assertThat(cancelled.state()).isEqualTo(VisitState.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("No brief received");
    }

    @Test
    void missingIntakeCanBeWaivedAndTheHostPlansWithoutIt() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM.minusDays(14), 17, 1));
        runDueJobs(visit);

        complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "proceed");
        runDueJobs(visit);

        assertThat(visit).isWaitingAt(TASK_REVIEW_INTAKE);
        assertThat((String) tasks.getVariable(task(visit, TASK_REVIEW_INTAKE).getId(), "answersOverview"))
                .contains("Inget underlag har kommit in");
    }

    @Test
    void anIntakeArrivingAfterTheProcessMovedOnIsKeptForTheHost() {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM.minusDays(14), 17, 1));
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(TASK_FOLLOW_UP_MISSING_INTAKE);

        Outcome late = answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Late goals", "Late work", "kim");
        Outcome again = answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Other", "Other", "kim");

        assertThat(late).isEqualTo(Outcome.RECEIVED_LATE);
        assertThat(again).isEqualTo(Outcome.ALREADY_RECEIVED);
        assertThat(answers.intakes(visitOf(visit).id())).singleElement()
                .satisfies(i -> assertThat(i.goalsAndPurpose()).isEqualTo("Late goals"));
        complete(visit, TASK_FOLLOW_UP_MISSING_INTAKE, "kim", "followUpDecision", "proceed");
        runDueJobs(visit);
        assertThat((String) tasks.getVariable(task(visit, TASK_REVIEW_INTAKE).getId(), "answersOverview"))
                .contains("Late goals");
    }

    @Test
    void cancellationDuringTheVisitNotifiesEveryoneInvited() {
        // given a visit under way
        ProcessInstance visit = driveToHostingTheVisit();

        // when a coordinator cancels it from the visit page
        visitActions.cancel(visitOf(visit).reference(), "Storm closes the roads");
        runDueJobs(visit);

        // then guest and host are told, nothing is left open, and the visit is cancelled
        assertThat(visit).isEnded().hasPassed(TASK_CANCEL_VISIT, END_VISIT_CANCELLED);
        assertThat(subjectsTo(guestEmail)).last().asString().startsWith("The visit is cancelled");
        assertThat(subjectsTo(HOST_EMAIL)).contains("Besöket är inställt: Digital triage i primärvården");
        assertThat(tasks.createTaskQuery().processInstanceId(visit.getId()).count()).isZero();
        assertThat(visitOf(visit).state()).isEqualTo(VisitState.CANCELLED);
        assertThatThrownBy(() -> visitActions.cancel(visitOf(visit).reference(), "Again"))
                .isInstanceOf(InvalidVisitException.class);
    }

    @Test
    void theHostIsRemindedWhenTheVisitReportIsOverdue() {
        ProcessInstance visit = driveToHostingTheVisit();
        int before = subjectsTo(HOST_EMAIL).size();

        moveClockTo(at(VISIT_TO, 21, 1)); // end 17:00 + 4 h grace
        runDueJobs(visit);

        assertThat(subjectsTo(HOST_EMAIL)).hasSize(before + 1).last().asString().contains("väntar på din rapport");
        assertThat(visit).isWaitingAt(TASK_HOST_VISIT);
    }

    @Test
    void evaluationDeadlinePassingWithoutAnswersLetsTheProcessGoOn() {
        // given a hosted visit whose guest was asked to evaluate it
        ProcessInstance visit = driveToHostingTheVisit();
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 3L);
        runDueJobs(visit);
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_EVALUATION, TASK_EVALUATE_AS_HOST);

        // when a reminder comes due and then the deadline passes without an answer
        moveClockTo(at(VISIT_TO, 17, 0).plusSeconds(5 * 86400 + 3600));
        runDueJobs(visit);
        assertThat(subjectsTo(guestEmail)).last().asString().startsWith("Reminder: evaluation");
        moveClockTo(at(VISIT_TO.plusDays(14), 17, 1));
        runDueJobs(visit);

        // then the guest's part ends without an evaluation, and the host's evaluation alone carries on
        assertThat(visit).hasPassed("EndEvent_EvaluationMissing").isWaitingAt(TASK_EVALUATE_AS_HOST);
        complete(visit, TASK_EVALUATE_AS_HOST, "hanna", "hostScore", "3");
        assertThat(visit).isWaitingAt(TASK_SCHEDULE_SUMMARY_MEETING);

        // and an evaluation that still arrives is kept, not lost
        assertThat(answers.recordGuestEvaluation(visitOf(visit).id(), contactGuestId(visit), 4, "Late but good", null, "kim"))
                .isEqualTo(Outcome.RECEIVED_LATE);
        assertThat(answers.evaluations(visitOf(visit).id())).hasSize(2);
    }

    @Test
    void reschedulingMovesThePendingTimers() {
        // given a registered visit waiting for intake
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        assertThat(timerDue(visit, BOUNDARY_INTAKE_DEADLINE_PASSED)).isEqualTo(at(VISIT_FROM.minusDays(14), 17, 0));

        // when it moves four weeks later
        LocalDate from = VISIT_FROM.plusWeeks(4);
        LocalDate to = VISIT_TO.plusWeeks(4);
        visitActions.reschedule(visitOf(visit).reference(), from, to);
        runDueJobs(visit);

        // then the deadline timer, the visit row and the guests follow
        assertThat(timerDue(visit, BOUNDARY_INTAKE_DEADLINE_PASSED)).isEqualTo(at(from.minusDays(14), 17, 0));
        assertThat(visitOf(visit).dateFrom()).isEqualTo(from);
        assertThat(visitOf(visit).dateTo()).isEqualTo(to);
        assertThat(subjectsTo(guestEmail)).last().asString().startsWith("New dates for the visit");
        assertThat(visit).isWaitingAt(RECEIVE_AWAIT_INTAKE);

        // and the start timer, once reached, waits for the new first day
        answers.recordIntake(visitOf(visit).id(), contactGuestId(visit), "Goals", "Work", "kim");
        runDueJobs(visit);
        complete(visit, TASK_REVIEW_INTAKE, "hanna", "programme", "Programme");
        runDueJobs(visit);
        assertThat(timerDue(visit, TIMER_VISIT_STARTS)).isEqualTo(at(from, 8, 0));

        // moving it again, now planned, moves the start timer too
        visitActions.reschedule(visitOf(visit).reference(), from.plusDays(1), to.plusDays(1));
        assertThat(timerDue(visit, TIMER_VISIT_STARTS)).isEqualTo(at(from.plusDays(1), 8, 0));
    }

    @Test
    void aVisitCannotBeMovedOnceItHasBeenHosted() {
        ProcessInstance visit = driveToHostingTheVisit();
        complete(visit, TASK_HOST_VISIT, "hanna", "attendance", 3L);

        assertThatThrownBy(() -> visitActions.reschedule(visitOf(visit).reference(), VISIT_FROM.plusDays(7),
                VISIT_TO.plusDays(7))).isInstanceOf(InvalidVisitException.class).hasMessageContaining("kan inte flyttas");
    }

    @Test
    void anInvalidRegistrationIsRefusedWithAMessageAndStoresNothing() {
        long instancesBefore = runtime.createProcessInstanceQuery().count();
        int visitsBefore = visits.recent(10_000).size();
        String validEmail = guestEmail;

        guestEmail = "not-an-address";
        assertThatThrownBy(() -> registerVisit()).hasMessageContaining("e-postadress är inte giltig");
        guestEmail = validEmail;
        assertThatThrownBy(() -> registerVisit(VISIT_TO, VISIT_FROM, "SV")).hasMessageContaining("kan inte vara före");
        assertThatThrownBy(() -> registerVisit(VISIT_FROM, VISIT_TO, "DE")).hasMessageContaining("okänt värde");

        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
        assertThat(visits.recent(10_000)).hasSize(visitsBefore);
    }

    private Instant timerDue(ProcessInstance visit, String activityId) {
        return management.createJobQuery().processInstanceId(visit.getId()).activityId(activityId).timers()
                .singleResult().getDuedate().toInstant();
    }

}
