package se.samlarande.process;

import static se.samlarande.process.FormMarkdown.text;
import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.VisitRequest;
import se.samlarande.visit.VisitRequests;

/**
 * "Assess the visit request": on creation the task shows what the organisation asked for; on completion the
 * decision is checked, the answer stored, and for an accepted request the registration variables are filled in
 * from the request, so {@code Task_RegisterVisit} registers it like any other visit.
 */
@Configuration(proxyBeanMethods = false)
class AssessRequestListeners {

    @Bean
    TaskListener requestOverviewListener(VisitRequests requests) {
        return task -> REQUEST_OVERVIEW.setLocal(task, FormMarkdown.bounded(overview(requests.get(REQUEST_ID.require(task))),
                "_Förfrågan är längre än vad uppgiften kan visa och har kortats här._"));
    }

    @Bean
    TaskListener assessRequestListener(VisitRequests requests) {
        return task -> assess(task, requests);
    }

    private static void assess(DelegateTask task, VisitRequests requests) {
        VisitRequest request = requests.get(REQUEST_ID.require(task));
        RequestDecision decision;
        try {
            decision = RequestDecision.valueOf(String.valueOf(REQUEST_DECISION.get(task)));
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Välj hur förfrågan besvaras: bjud in, föreslå andra datum eller avböj.");
        }
        switch (decision) {
            case accept -> {
                FormText.required(HOST_UNIT.get(task), "Värdenhet");
                FormText.required(TOPIC.get(task), "Ämne");
                var execution = task.getExecution();
                GUEST_ORGANISATION.set(execution, request.organisation());
                PARTNER_LEVEL.set(execution, request.partnerLevel().name());
                CONTACT_NAME.set(execution, request.contactName());
                CONTACT_EMAIL.set(execution, request.contactEmail());
                CONTACT_LANGUAGE.set(execution, request.contactLanguage().name());
            }
            case propose -> requests.answer(request.id(), VisitRequest.State.DATES_PROPOSED,
                    FormText.required(PROPOSAL.get(task), "Förslag på datum"));
            case decline -> requests.answer(request.id(), VisitRequest.State.DECLINED,
                    FormText.required(DECLINE_REASON.get(task), "Anledning"));
        }
    }

    /** What the organisation asked for; every value as text, never markup (see {@link FormMarkdown}). */
    private static String overview(VisitRequest r) {
        return "**" + text(r.reference()) + "** – " + text(r.organisation()) + " (" + r.partnerLevel().name().toLowerCase() + ")\n\n"
                + "Kontakt: " + text(r.contactName()) + ", " + text(r.contactEmail()) + " (" + r.contactLanguage().code() + ")  \n"
                + "Vill besöka: " + text(r.hostUnitWish()) + "  \n"
                + "Önskade perioder: " + text(r.preferredPeriods()) + "  \n"
                + (r.groupSize() == null ? "" : "Antal personer: " + r.groupSize() + "  \n")
                + "\n**Vad de vill se och varför**\n\n" + text(r.whatToSee()) + "\n\n"
                + (r.answer() == null ? "" : "**Senaste svar**: " + text(r.answer()) + "\n");
    }
}
