package se.samlarande.unit;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.samlarande.visit.VisitRegistered;

/**
 * Links visits to the register by their free-text host unit (case and spacing ignored): a new visit inside its
 * registration's transaction, and at start every visit not linked yet, in bounded batches (idempotent: a linked visit
 * is never looked at again; a name that matches no unit is left for an admin to map on {@code /app/units}).
 */
@Component
class UnitLinking {

    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(UnitLinking.class);

    private final UnitRegister register;

    UnitLinking(UnitRegister register) {
        this.register = register;
    }

    @EventListener
    void onRegistered(VisitRegistered event) {
        register.linkVisit(event.visitId());
    }

    /** After the demo units (if any) are in place. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void linkEarlierVisits() {
        int linked = linkAll();
        if (linked > 0) {
            log.info("Unit register: {} earlier visits linked to their units", linked);
        }
    }

    int linkAll() {
        int linked = 0;
        long after = 0;
        for (List<Long> batch = register.unlinkedVisitIdsAfter(after, BATCH); !batch.isEmpty();
                batch = register.unlinkedVisitIdsAfter(after, BATCH)) {
            for (long visitId : batch) {
                try {
                    if (register.linkVisit(visitId)) {
                        linked++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Visit {} not linked to a unit this time: {}", visitId, e.toString());
                }
            }
            after = batch.get(batch.size() - 1);
        }
        return linked;
    }
}
