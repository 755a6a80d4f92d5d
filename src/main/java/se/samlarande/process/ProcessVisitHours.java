package se.samlarande.process;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import se.samlarande.notification.VisitHours;

/** The calendar invitations' visit hours, from the same rule as the process's timers ({@link VisitTimers}). */
@Component
class ProcessVisitHours implements VisitHours {

    private final VisitTimers timers;

    ProcessVisitHours(VisitTimers timers) {
        this.timers = timers;
    }

    @Override
    public Span span(LocalDate firstDay, LocalDate lastDay) {
        VisitTimers.Schedule schedule = timers.schedule(firstDay, lastDay);
        return new Span(schedule.visitStart(), schedule.visitEnd());
    }
}
