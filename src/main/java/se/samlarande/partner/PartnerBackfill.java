package se.samlarande.partner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After an upgrade the register is not empty: at start, visits registered before it existed are linked to their
 * organisations (by normalised name) and their guests to contact people (by email address), exactly as a new
 * registration is. Idempotent; once every visit is linked it finds nothing to do.
 */
@Component
class PartnerBackfill {

    private static final Logger log = LoggerFactory.getLogger(PartnerBackfill.class);

    private final PartnerRegister register;

    PartnerBackfill(PartnerRegister register) {
        this.register = register;
    }

    @EventListener(ApplicationReadyEvent.class)
    void linkEarlierVisits() {
        int linked = register.linkUnlinkedVisits();
        if (linked > 0) {
            log.info("Partner register: {} earlier visits linked to their organisations and contact people", linked);
        }
    }
}
