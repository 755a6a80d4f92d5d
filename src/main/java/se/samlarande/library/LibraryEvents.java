package se.samlarande.library;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.IntakeStored;
import se.samlarande.evaluation.PracticeFollowUpRecorded;
import se.samlarande.evaluation.SummaryRecorded;
import se.samlarande.visit.HostingRecorded;

/**
 * The answers that become entries, heard in the transaction that stores them: the entry (and its consent) commits
 * with the answer or not at all.
 */
@Component
class LibraryEvents {

    private final LibraryService library;

    LibraryEvents(LibraryService library) {
        this.library = library;
    }

    @EventListener
    void on(IntakeStored stored) {
        library.fromIntake(stored.visit(), stored.guest(), stored.intake(), stored.libraryConsentAt());
    }

    @EventListener
    void on(HostingRecorded recorded) {
        library.fromHosting(recorded.visitId(), recorded.libraryConsentBy(), recorded.libraryConsentAt());
    }

    @EventListener
    void on(SummaryRecorded recorded) {
        library.fromSummary(recorded.visitId(), recorded.libraryConsentBy(), recorded.libraryConsentAt());
    }

    @EventListener
    void on(PracticeFollowUpRecorded answered) {
        library.recordPracticeFollowUp(answered.visitId(), answered.introduced(), answered.effect(), answered.answeredAt());
    }
}
