package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Writes a visit's schedule into the variables its timers read. */
final class ProcessDates {

    private ProcessDates() {
    }

    static void set(VariableScope scope, VisitTimers.Schedule schedule) {
        VISIT_START.set(scope, Date.from(schedule.visitStart()));
        VISIT_END.set(scope, Date.from(schedule.visitEnd()));
        INTAKE_DEADLINE.set(scope, Date.from(schedule.intakeDeadline()));
        EVALUATION_DEADLINE.set(scope, Date.from(schedule.evaluationDeadline()));
    }
}
