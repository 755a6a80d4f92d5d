package se.samlarande.notification;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, takes the personal links out of emails stored before the outbox left them out: each link becomes
 * the slot it was issued for (so an email still waiting to be sent gets a fresh link when it leaves), or, for a
 * token that no longer exists, the note staff see. In batches; a second run finds nothing to change.
 */
@Component
class StoredGuestLinkRemoval implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StoredGuestLinkRemoval.class);
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+/g/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])");
    private static final int BATCH = 200;

    private final OutboxRepository emails;
    private final GuestLinkIssuer links;

    StoredGuestLinkRemoval(OutboxRepository emails, GuestLinkIssuer links) {
        this.emails = emails;
        this.links = links;
    }

    @Override
    public void run(ApplicationArguments args) {
        removeStoredLinks();
    }

    /** Returns how many emails were changed. */
    int removeStoredLinks() {
        int changed = 0;
        long after = 0;
        List<OutboxRepository.Bodies> batch;
        do {
            batch = emails.findBodiesWithLinks(after, BATCH);
            for (OutboxRepository.Bodies bodies : batch) {
                OutboxRepository.Bodies without = new OutboxRepository.Bodies(bodies.id(), withoutLinks(bodies.text()),
                        withoutLinks(bodies.html()));
                if (!without.equals(bodies)) {
                    emails.updateBodies(without);
                    changed++;
                }
                after = bodies.id();
            }
        } while (batch.size() == BATCH);
        if (changed > 0) {
            log.info("Personal links taken out of {} stored emails", changed);
        }
        return changed;
    }

    private String withoutLinks(String body) {
        return body == null ? null : LINK.matcher(body).replaceAll(m -> Matcher.quoteReplacement(
                links.slotOf(m.group(1)).map(GuestLinkSlot::placeholder).orElse(GuestLinkSlot.NOTE)));
    }
}
