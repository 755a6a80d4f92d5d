package se.samlarande.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

import se.samlarande.visit.Language;
import se.samlarande.visit.Participant;
import se.samlarande.visit.ParticipantRole;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/**
 * An answer whose transaction loses to a concurrent move of the same process (another node, optimistic locking) is
 * stored and told to the process again in a new transaction, a few times at most; the lost transaction is rolled back.
 */
class AnswerServiceConflictTest {

    private final AnswerRepository repository = mock(AnswerRepository.class);
    private final VisitService visits = mock(VisitService.class);
    private final AnswerListener listener = mock(AnswerListener.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private AnswerService service;

    @BeforeEach
    void setUp() {
        Visit visit = new Visit(1, "SL-2027-0001", "Vårdcentralen", "Triage", LocalDate.of(2027, 1, 18),
                LocalDate.of(2027, 1, 19), "NHS Lothian", PartnerLevel.INTERNATIONAL, VisitState.HOSTED, null, null,
                null, "kim", Instant.EPOCH, null);
        when(visits.get(1)).thenReturn(visit);
        when(visits.guest(1, 7)).thenReturn(new Participant(7, 1, ParticipantRole.GUEST, "Ola", "ola@example.org", Language.SV));
        when(repository.insertEvaluationIfAbsent(eq(1L), any())).thenReturn(true);
        when(transactions.getTransaction(any(TransactionDefinition.class))).thenAnswer(i -> new SimpleTransactionStatus());
        service = new AnswerService(repository, mock(LateAnswers.class), visits, listener, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), transactions);
    }

    @Test
    void anEvaluationThatLostToAConcurrentMoveIsStoredAgainInANewTransaction() {
        when(listener.evaluationReceived("SL-2027-0001", 7)).thenThrow(new OptimisticLockingFailureException("moved"))
                .thenReturn(true);

        assertThat(service.submitEvaluation(1, 7, 4, "Bra", null)).isEqualTo(AnswerService.Outcome.RECEIVED);

        verify(repository, times(2)).insertEvaluationIfAbsent(eq(1L), any());
        verify(transactions, times(1)).rollback(any(TransactionStatus.class));
        verify(transactions, times(1)).commit(any(TransactionStatus.class));
    }

    @Test
    void aConflictThatKeepsComingIsPassedOnAfterThreeTries() {
        when(listener.evaluationReceived(anyString(), anyLong())).thenThrow(new OptimisticLockingFailureException("moved"));

        assertThatThrownBy(() -> service.submitEvaluation(1, 7, 4, "Bra", null))
                .isInstanceOf(OptimisticLockingFailureException.class);

        verify(repository, times(AnswerService.ATTEMPTS)).insertEvaluationIfAbsent(eq(1L), any());
        verify(transactions, times(AnswerService.ATTEMPTS)).rollback(any(TransactionStatus.class));
    }
}
