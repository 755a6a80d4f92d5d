package se.samlarande.privacy;

/**
 * The engine's copies of personal data: variables that held names, addresses or free text while a process ran
 * (the registration form's contact, the overviews shown in task forms, form answers before they were stored)
 * stay in its history until the history time-to-live. Implemented in {@code process}.
 */
public interface ProcessPersonalData {

    /**
     * Deletes from the engine's history the variables of the process with this business key (a visit's reference
     * or a request's {@code REQ-<id>}) that carry personal data or free text.
     *
     * @return how many historic variables were deleted
     */
    int eraseFromHistory(String businessKey);

    /**
     * Deletes from the engine's history the host's answer to the practice follow-up (its free text as the form sent
     * it) of the process with this business key; nothing else.
     *
     * @return how many historic variables were deleted
     */
    int erasePracticeFollowUpFromHistory(String businessKey);

    /**
     * Whether the process with this business key is still running (a visit closed or cancelled in the app's tables
     * may still be sending its last emails): its data is still needed.
     */
    boolean running(String businessKey);

    /**
     * Whether the process with this business key is running only to follow up, months after the visit closed, whether
     * its planned practice was introduced: it asks the host and needs none of the guests' data any more.
     */
    boolean awaitingPracticeFollowUp(String businessKey);
}
