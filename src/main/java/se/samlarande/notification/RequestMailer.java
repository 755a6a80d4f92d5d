package se.samlarande.notification;

import java.util.List;

import org.springframework.stereotype.Service;

import se.samlarande.notification.MailComposer.Fact;
import se.samlarande.visit.VisitRequest;
import se.samlarande.visit.VisitRequests;

/** Answers to an organisation that asked for a visit: other dates proposed, or a decline with its reason. */
@Service
public class RequestMailer {

    private final VisitRequests requests;
    private final MailComposer composer;
    private final Outbox outbox;

    RequestMailer(VisitRequests requests, MailComposer composer, Outbox outbox) {
        this.requests = requests;
        this.composer = composer;
        this.outbox = outbox;
    }

    /** @param round as for {@link VisitMailer#send}: stable across retries of one job */
    public Email send(long requestId, MailKind kind, String round) {
        VisitRequest request = requests.get(requestId);
        String key = String.join(":", request.reference(), kind.name(), round, request.contactEmail());
        return outbox.sendOnce(key, () -> {
            var locale = request.contactLanguage().locale();
            // {0} what they asked to see (short), {1} the unit they asked for, {2} the answer
            Object[] args = {request.organisation(), request.hostUnitWish(), request.answer()};
            MailContent content = composer.compose(kind, locale, request.contactName(), args, List.of(
                    new Fact("mail.fact.request", request.reference()),
                    new Fact("mail.fact.preferred-periods", request.preferredPeriods()),
                    new Fact(kind == MailKind.REQUEST_DECLINED ? "mail.fact.cancel-reason" : "mail.fact.proposal",
                            request.answer())));
            return new Outbox.Draft(key, null, kind, request.contactEmail(), request.contactLanguage().code(), content);
        });
    }
}
