package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitDirection;
import se.samlarande.visit.VisitRegistration;
import se.samlarande.visit.VisitRequests;
import se.samlarande.visit.VisitService;

/**
 * {@code Task_RegisterVisit}: stores what the coordinator registered, makes the visit's reference the business
 * key, and sets the dates the timers wait for. Runs in the coordinator's own transaction, so invalid input is
 * refused with a message in Tasklist and nothing is half stored. A visit's first day is today or later, unless the
 * coordinator ticks "Besöket har redan ägt rum" ({@code alreadyHeld}): then no invitation is sent (see
 * {@link SendVisitEmailDelegate}).
 */
@Component
class RegisterVisitDelegate implements JavaDelegate {

    private final VisitService visits;
    private final VisitRequests requests;
    private final VisitTimers timers;

    RegisterVisitDelegate(VisitService visits, VisitRequests requests, VisitTimers timers) {
        this.visits = visits;
        this.requests = requests;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        VisitRegistration registration = new VisitRegistration(HOST_UNIT.get(execution), TOPIC.get(execution),
                date(DATE_FROM.get(execution), "Första dag"), date(DATE_TO.get(execution), "Sista dag"),
                GUEST_ORGANISATION.get(execution), enumValue(PARTNER_LEVEL.get(execution), PartnerLevel::parse, "Nivå"),
                CONTACT_NAME.get(execution), CONTACT_EMAIL.get(execution),
                enumValue(CONTACT_LANGUAGE.get(execution), Language::parse, "Språk"), REGISTERED_BY.get(execution),
                direction(DIRECTION.get(execution)));
        Visit visit = visits.register(registration, alreadyHeld(execution));
        VisitTimers.Schedule schedule = timers.schedule(visit.dateFrom(), visit.dateTo());
        visits.setIntakeDeadline(visit.id(), schedule.intakeDeadline());

        execution.setProcessBusinessKey(visit.reference());
        Long requestId = REQUEST_ID.get(execution);
        if (requestId != null) {
            requests.accepted(requestId, visit.id());
        }
        VISIT_ID.set(execution, visit.id());
        ProcessDates.set(execution, schedule);
        // Personal data lives in the app's tables, not in the process.
        execution.removeVariables(java.util.List.of(CONTACT_NAME.name(), CONTACT_EMAIL.name(),
                CONTACT_LANGUAGE.name()));
    }

    /** The start form's checkbox (a Boolean from Tasklist and the registration page); absent for a visit request. */
    static boolean alreadyHeld(DelegateExecution execution) {
        Object value = execution.getVariable(ALREADY_HELD);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    static LocalDate date(String value, String label) {
        if (value == null || value.isBlank()) {
            throw new InvalidVisitException(label + " måste fyllas i.");
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new InvalidVisitException(label + " är inget giltigt datum: " + value);
        }
    }

    private static VisitDirection direction(String value) {
        try {
            return VisitDirection.parseOrIncoming(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Riktning har ett okänt värde: " + value);
        }
    }

    private static <E> E enumValue(String value, java.util.function.Function<String, E> parse, String label) {
        if (value == null || value.isBlank()) {
            throw new InvalidVisitException(label + " måste väljas.");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException(label + " har ett okänt värde: " + value);
        }
    }

}
