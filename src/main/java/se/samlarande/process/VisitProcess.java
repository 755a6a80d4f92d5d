package se.samlarande.process;

import java.util.Date;

/** The visit process in one place: its key, the ids of its elements, its messages and its variables. */
public final class VisitProcess {

    private VisitProcess() {
    }

    public static final String KEY = "visit";

    /** Messages the process waits for. */
    public static final class Message {
        public static final String INTAKE_SUBMITTED = "IntakeSubmitted";
        public static final String EVALUATION_SUBMITTED = "EvaluationSubmitted";
        public static final String VISIT_CANCELLED = "VisitCancelled";
        public static final String VISIT_RESCHEDULED = "VisitRescheduled";
        public static final String GUEST_ADDED = "GuestAdded";
        public static final String VISIT_REQUESTED = "VisitRequested";

        private Message() {
        }
    }

    /** Ids of the elements in {@code bpmn/visit.bpmn} that code and tests refer to. */
    public static final class Element {
        public static final String START_VISIT_REGISTERED = "StartEvent_VisitRegistered";
        public static final String START_VISIT_REQUESTED = "StartEvent_VisitRequested";
        public static final String TASK_ASSESS_REQUEST = "Task_AssessRequest";
        public static final String TASK_SEND_DATE_PROPOSAL = "Task_SendDateProposal";
        public static final String TASK_SEND_REQUEST_DECLINED = "Task_SendRequestDeclined";
        public static final String END_REQUEST_DECLINED = "EndEvent_RequestDeclined";
        public static final String TASK_REGISTER_VISIT = "Task_RegisterVisit";
        public static final String TASK_SEND_INVITATIONS = "Task_SendInvitations";
        public static final String RECEIVE_AWAIT_INTAKE = "ReceiveTask_AwaitIntake";
        public static final String BOUNDARY_INTAKE_REMINDER_DUE = "BoundaryEvent_IntakeReminderDue";
        public static final String TASK_SEND_INTAKE_REMINDER = "Task_SendIntakeReminder";
        public static final String BOUNDARY_INTAKE_DEADLINE_PASSED = "BoundaryEvent_IntakeDeadlinePassed";
        public static final String TASK_FOLLOW_UP_MISSING_INTAKE = "Task_FollowUpMissingIntake";
        public static final String TASK_EXTEND_INTAKE_DEADLINE = "Task_ExtendIntakeDeadline";
        public static final String TASK_CANCEL_VISIT_WITHOUT_INTAKE = "Task_CancelVisitWithoutIntake";
        public static final String TASK_SEND_CANCELLATION_WITHOUT_INTAKE = "Task_SendCancellationWithoutIntake";
        public static final String END_CANCELLED_WITHOUT_INTAKE = "EndEvent_VisitCancelledWithoutIntake";
        public static final String TASK_REVIEW_INTAKE = "Task_ReviewIntake";
        public static final String TASK_SEND_CONFIRMATION = "Task_SendConfirmation";
        public static final String TIMER_VISIT_STARTS = "TimerEvent_VisitStarts";
        public static final String TASK_HOST_VISIT = "Task_HostVisit";
        public static final String BOUNDARY_HOST_VISIT_OVERDUE = "BoundaryEvent_HostVisitOverdue";
        public static final String TASK_SEND_HOST_REMINDER = "Task_SendHostReminder";
        public static final String SUBPROCESS_GUEST_EVALUATION = "SubProcess_GuestEvaluation";
        public static final String TASK_SEND_EVALUATION_REQUEST = "Task_SendEvaluationRequest";
        public static final String RECEIVE_AWAIT_EVALUATION = "ReceiveTask_AwaitEvaluation";
        public static final String BOUNDARY_EVALUATION_REMINDER_DUE = "BoundaryEvent_EvaluationReminderDue";
        public static final String TASK_SEND_EVALUATION_REMINDER = "Task_SendEvaluationReminder";
        public static final String BOUNDARY_EVALUATION_DEADLINE_PASSED = "BoundaryEvent_EvaluationDeadlinePassed";
        public static final String TASK_EVALUATE_AS_HOST = "Task_EvaluateAsHost";
        public static final String TASK_SCHEDULE_SUMMARY_MEETING = "Task_ScheduleSummaryMeeting";
        public static final String TASK_SEND_SUMMARY_INVITATION = "Task_SendSummaryInvitation";
        public static final String TIMER_SUMMARY_MEETING_HELD = "TimerEvent_SummaryMeetingHeld";
        public static final String TASK_HOLD_SUMMARY_MEETING = "Task_HoldSummaryMeeting";
        public static final String GATEWAY_PUBLISH_SUMMARY = "Gateway_PublishSummary";
        public static final String TASK_APPROVE_SUMMARY_POST = "Task_ApproveSummaryPost";
        public static final String TASK_CLOSE_VISIT = "Task_CloseVisit";
        public static final String TASK_PLAN_PRACTICE_FOLLOW_UP = "Task_PlanPracticeFollowUp";
        public static final String TIMER_PRACTICE_FOLLOW_UP_DUE = "TimerEvent_PracticeFollowUpDue";
        public static final String TASK_FOLLOW_UP_PRACTICE = "Task_FollowUpPractice";
        public static final String BOUNDARY_PRACTICE_FOLLOW_UP_REMINDER_DUE = "BoundaryEvent_PracticeFollowUpReminderDue";
        public static final String TASK_SEND_PRACTICE_FOLLOW_UP_REMINDER = "Task_SendPracticeFollowUpReminder";
        public static final String END_PRACTICE_FOLLOW_UP_REMINDER_SENT = "EndEvent_PracticeFollowUpReminderSent";
        public static final String BOUNDARY_PRACTICE_FOLLOW_UP_UNANSWERED = "BoundaryEvent_PracticeFollowUpUnanswered";
        public static final String TASK_CLOSE_PRACTICE_FOLLOW_UP_UNANSWERED = "Task_ClosePracticeFollowUpUnanswered";
        public static final String TASK_SEND_PRACTICE_FOLLOW_UP_UNANSWERED = "Task_SendPracticeFollowUpUnanswered";
        public static final String END_PRACTICE_FOLLOW_UP_UNANSWERED = "EndEvent_PracticeFollowUpUnanswered";
        /** The process's end once the visit is closed and its practice followed up. */
        public static final String END_VISIT_COMPLETED = "EndEvent_VisitCompleted";
        public static final String TASK_CANCEL_VISIT = "Task_CancelVisit";
        public static final String TASK_SEND_CANCELLATION = "Task_SendCancellation";
        public static final String END_VISIT_CANCELLED = "EndEvent_VisitCancelled";
        public static final String TASK_RESCHEDULE_VISIT = "Task_RescheduleVisit";
        public static final String TASK_SEND_RESCHEDULE_NOTICE = "Task_SendRescheduleNotice";
        public static final String TASK_SEND_GUEST_INVITATION = "Task_SendGuestInvitation";

        private Element() {
        }
    }

    /** Assessing a visit request: the coordinator's choices. */
    public enum RequestDecision {
        accept, propose, decline
    }

    /** Approving the summary post: the coordinator's choices. */
    public enum SummaryPostDecision {
        approve, reject
    }

    /** Follow-up of a missing intake: the coordinator's choices. */
    public enum FollowUpDecision {
        extend, proceed, cancel
    }

    // Carried by the process: ids and what timers and gateways read.
    /** The start form's "Besöket har redan ägt rum": a visit recorded afterwards, to whom no invitation is sent. */
    public static final String ALREADY_HELD = "alreadyHeld";
    public static final ProcessVariable<Long> VISIT_ID = ProcessVariable.of("visitId", Long.class);
    public static final ProcessVariable<Date> INTAKE_DEADLINE = ProcessVariable.of("intakeDeadline", Date.class);
    public static final ProcessVariable<Date> VISIT_START = ProcessVariable.of("visitStart", Date.class);
    public static final ProcessVariable<Date> VISIT_END = ProcessVariable.of("visitEnd", Date.class);
    public static final ProcessVariable<Date> EVALUATION_DEADLINE = ProcessVariable.of("evaluationDeadline", Date.class);
    public static final ProcessVariable<Date> SUMMARY_MEETING_AT = ProcessVariable.of("summaryMeetingAt", Date.class);
    public static final ProcessVariable<Long> GUEST_ID = ProcessVariable.of("guestId", Long.class);
    public static final ProcessVariable<String> REGISTERED_BY = ProcessVariable.of("registeredBy", String.class);
    /** When the host is asked whether the planned practice was introduced; read by {@code TimerEvent_PracticeFollowUpDue}. */
    public static final ProcessVariable<Date> PRACTICE_FOLLOW_UP_DUE = ProcessVariable.of("practiceFollowUpDue", Date.class);
    /** When that question closes unanswered: the task's due date and {@code BoundaryEvent_PracticeFollowUpUnanswered}. */
    public static final ProcessVariable<Date> PRACTICE_FOLLOW_UP_ANSWER_BY = ProcessVariable.of("practiceFollowUpAnswerBy", Date.class);

    // The start form (visit-registration.form); hostUnit, topic, dates and guest organisation stay for display.
    public static final ProcessVariable<String> HOST_UNIT = ProcessVariable.of("hostUnit", String.class);
    public static final ProcessVariable<String> TOPIC = ProcessVariable.of("topic", String.class);
    public static final ProcessVariable<String> DATE_FROM = ProcessVariable.of("dateFrom", String.class);
    public static final ProcessVariable<String> DATE_TO = ProcessVariable.of("dateTo", String.class);
    public static final ProcessVariable<String> GUEST_ORGANISATION = ProcessVariable.of("guestOrganisation", String.class);
    public static final ProcessVariable<String> PARTNER_LEVEL = ProcessVariable.of("partnerLevel", String.class);
    public static final ProcessVariable<String> CONTACT_NAME = ProcessVariable.of("contactName", String.class);
    public static final ProcessVariable<String> CONTACT_EMAIL = ProcessVariable.of("contactEmail", String.class);
    public static final ProcessVariable<String> CONTACT_LANGUAGE = ProcessVariable.of("contactLanguage", String.class);
    /** INCOMING (the default when absent) or OUTGOING; stays for display like the host unit. */
    public static final ProcessVariable<String> DIRECTION = ProcessVariable.of("direction", String.class);

    // Task forms.
    public static final ProcessVariable<String> FOLLOW_UP_DECISION = ProcessVariable.of("followUpDecision", String.class);
    public static final ProcessVariable<String> NEW_INTAKE_DEADLINE = ProcessVariable.of("newIntakeDeadline", String.class);
    public static final ProcessVariable<String> CANCEL_REASON = ProcessVariable.of("cancelReason", String.class);
    public static final ProcessVariable<String> PROGRAMME = ProcessVariable.of("programme", String.class);
    public static final ProcessVariable<Long> ATTENDANCE = ProcessVariable.of("attendance", Long.class);
    public static final ProcessVariable<String> HOSTING_NOTES = ProcessVariable.of("hostingNotes", String.class);
    public static final ProcessVariable<String> SHARED_WORK = ProcessVariable.of("sharedWork", String.class);
    public static final ProcessVariable<String> HOST_SCORE = ProcessVariable.of("hostScore", String.class);
    public static final ProcessVariable<String> HOST_WENT_WELL = ProcessVariable.of("hostWentWell", String.class);
    public static final ProcessVariable<String> HOST_TO_IMPROVE = ProcessVariable.of("hostToImprove", String.class);
    public static final ProcessVariable<String> SUMMARY_MEETING_TIME = ProcessVariable.of("summaryMeetingTime", String.class);
    public static final ProcessVariable<String> SUMMARY_MEETING_PLACE = ProcessVariable.of("summaryMeetingPlace", String.class);
    public static final ProcessVariable<String> PURPOSE_MET = ProcessVariable.of("purposeMet", String.class);
    public static final ProcessVariable<String> LEARNED = ProcessVariable.of("learned", String.class);
    public static final ProcessVariable<String> INTRODUCE_IN_PRACTICE = ProcessVariable.of("introduceInPractice", String.class);
    public static final ProcessVariable<String> FOLLOW_UP_ACTIONS = ProcessVariable.of("followUpActions", String.class);
    /** host-visit.form and hold-summary-meeting.form: what was shared may be published in the region's library. */
    public static final ProcessVariable<Boolean> LIBRARY_CONSENT = ProcessVariable.of("libraryConsent", Boolean.class);
    /** Read by {@code Gateway_PublishSummary}: the summary meeting wants its answers on the blog. */
    public static final ProcessVariable<Boolean> PUBLISH_ON_BLOG = ProcessVariable.of("publishOnBlog", Boolean.class);
    // approve-summary-post.form: the drafted post (edited by the coordinator) and the decision; removed on completion.
    public static final ProcessVariable<String> SUMMARY_POST_TEXT = ProcessVariable.of("summaryPostText", String.class);
    public static final ProcessVariable<String> SUMMARY_POST_DECISION = ProcessVariable.of("summaryPostDecision", String.class);
    // practice-follow-up.form: the host's answer; removed once stored.
    public static final ProcessVariable<String> INTRODUCED = ProcessVariable.of("introduced", String.class);
    public static final ProcessVariable<String> WHAT_WAS_INTRODUCED = ProcessVariable.of("whatWasIntroduced", String.class);
    public static final ProcessVariable<String> EFFECT = ProcessVariable.of("effect", String.class);
    public static final ProcessVariable<String> OBSTACLES = ProcessVariable.of("obstacles", String.class);

    // A visit asked for from outside (message VisitRequested) and its assessment (assess-request.form).
    public static final ProcessVariable<Long> REQUEST_ID = ProcessVariable.of("requestId", Long.class);
    public static final ProcessVariable<String> REQUEST_DECISION = ProcessVariable.of("requestDecision", String.class);
    public static final ProcessVariable<String> PROPOSAL = ProcessVariable.of("proposal", String.class);
    public static final ProcessVariable<String> DECLINE_REASON = ProcessVariable.of("declineReason", String.class);
    public static final ProcessVariable<String> REQUEST_OVERVIEW = ProcessVariable.of("requestOverview", String.class);

    // Messages VisitRescheduled and VisitCancelled.
    public static final ProcessVariable<String> NEW_DATE_FROM = ProcessVariable.of("newDateFrom", String.class);
    public static final ProcessVariable<String> NEW_DATE_TO = ProcessVariable.of("newDateTo", String.class);

    // Read-only overviews shown in task forms, set on the task when it is created.
    public static final ProcessVariable<String> VISIT_OVERVIEW = ProcessVariable.of("visitOverview", String.class);
    public static final ProcessVariable<String> ANSWERS_OVERVIEW = ProcessVariable.of("answersOverview", String.class);
    /** On the practice follow-up instead of the guests' answers: what the summary meeting learned and planned. */
    public static final ProcessVariable<String> PRACTICE_OVERVIEW = ProcessVariable.of("practiceOverview", String.class);

    /** The task-local overviews: copies of the app's records for a task's form, kept out of the engine's history. */
    public static final java.util.Set<String> TASK_OVERVIEWS = java.util.Set.of(VISIT_OVERVIEW.name(),
            ANSWERS_OVERVIEW.name(), PRACTICE_OVERVIEW.name(), REQUEST_OVERVIEW.name());
}
