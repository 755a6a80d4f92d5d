package se.samlarande.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.fasterxml.jackson.databind.JsonNode;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.AnswerService.Confidentiality;
import se.samlarande.evaluation.AnswerService.Outcome;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.Intake;
import se.samlarande.evaluation.VisitClosedException;
import se.samlarande.form.FieldError;
import se.samlarande.form.FormSchemas;
import se.samlarande.notification.GuestLinkIssuer.Purpose;
import se.samlarande.notification.VisitMailer;
import se.samlarande.partner.PartnerRegister;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.Participant;
import se.samlarande.visit.ParticipantRole;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitActions;
import se.samlarande.visit.VisitService;

/**
 * The guest pages. {@code /g/<token>} swaps a personal link for a guest session and redirects to a clean
 * address; {@code /guest/intake} and {@code /guest/evaluation} render the process's own Camunda Forms with
 * form-js (schema and data as JSON) and take the answers as JSON, validated again here against the same form.
 * Every outcome a guest can meet has a page in their language: unknown or expired link, already sent, visit
 * cancelled.
 */
@Controller
class GuestController {

    private static final Logger log = LoggerFactory.getLogger(GuestController.class);
    static final String INTAKE_FORM = "intake";
    static final String EVALUATION_FORM = "evaluation";
    static final int MAX_CO_TRAVELLERS = 10;

    private final GuestLinks links;
    private final VisitService visits;
    private final AnswerService answers;
    private final VisitActions actions;
    private final VisitMailer mailer;
    private final FormSchemas forms;
    private final MessageSource messages;
    private final PartnerRegister partners;

    GuestController(GuestLinks links, VisitService visits, AnswerService answers, VisitActions actions,
            VisitMailer mailer, FormSchemas forms, MessageSource messages, PartnerRegister partners) {
        this.partners = partners;
        this.links = links;
        this.visits = visits;
        this.answers = answers;
        this.actions = actions;
        this.mailer = mailer;
        this.forms = forms;
        this.messages = messages;
    }

    // --- the personal link --------------------------------------------------------------------------

    @GetMapping("/g/{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<GuestLinks.Access> found = links.resolve(token);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return message(model, languageOf(request), "unknown");
        }
        GuestLinks.Access access = found.get();
        Visit visit = visits.get(access.visitId());
        // the guest is read only for a page in their language; a link that opens its form needs only the session
        if (!visit.state().isOpen() && access.purpose() != Purpose.BLOG) { // a closed visit's blog can still be read
            return message(model, visits.participant(access.participantId()).language(), visit.cancelReason() != null
                    || visit.state().name().equals("CANCELLED") ? "cancelled" : "closed");
        }
        if (access.expired()) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("renewToken", token);
            return message(model, visits.participant(access.participantId()).language(), "expired");
        }
        links.markUsed(access.tokenId());
        GuestSession.open(request.getSession(true), access.visitId(), access.participantId(), access.purpose());
        request.changeSessionId(); // a new session id once the link has been used: no fixation
        return "redirect:/guest/" + access.purpose().name().toLowerCase(Locale.ROOT);
    }

    /** A new link, sent to the guest's own address; the page says the same whatever the token was. */
    @PostMapping("/g/renew")
    String renew(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
        Language language = languageOf(request);
        Optional<GuestLinks.Access> found = links.resolve(token);
        if (found.isPresent()) {
            GuestLinks.Access access = found.get();
            Participant guest = visits.participant(access.participantId());
            language = guest.language();
            if (visits.get(access.visitId()).state().isOpen()) {
                mailer.sendNewLink(access.visitId(), access.participantId(), access.purpose());
            }
        }
        return message(model, language, "renewed");
    }

    // --- the forms ------------------------------------------------------------------------------------

    @GetMapping("/guest/{form}")
    String page(@PathVariable String form, HttpSession session, HttpServletResponse response, Model model) {
        Optional<GuestSession> allowed = allowed(form, session);
        if (allowed.isEmpty()) {
            return noSession(response, model);
        }
        GuestSession guest = allowed.get();
        Purpose purpose = purpose(form);
        Visit visit = visits.get(guest.visitId());
        Participant participant = visits.participant(guest.participantId());
        if (!visit.state().isOpen()) {
            return message(model, participant.language(), "cancelled");
        }
        boolean sent = purpose == Purpose.INTAKE ? answers.intake(participant.id()).isPresent()
                : answers.evaluation(participant.id()).isPresent();
        // whether a sent intake may still be corrected asks the process: only asked once there is an answer
        if (sent && !(purpose == Purpose.INTAKE && answers.intakeEditable(visit))) {
            return "redirect:/guest/" + form + "/sent";
        }
        guestPage(model, visit, participant, form);
        model.addAttribute("correcting", sent);
        return "guest/form";
    }

    @GetMapping(path = "/guest/{form}/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<JsonNode> schema(@PathVariable String form, HttpSession session) {
        return allowed(form, session).map(guest -> ResponseEntity.ok(forms.json(formId(purpose(form)),
                visits.participant(guest.participantId()).language().locale())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).build());
    }

    @GetMapping(path = "/guest/{form}/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> data(@PathVariable String form, HttpSession session) {
        Optional<GuestSession> allowed = allowed(form, session);
        if (allowed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Purpose purpose = purpose(form);
        Participant participant = visits.participant(allowed.get().participantId());
        Map<String, Object> data = new LinkedHashMap<>();
        if (purpose == Purpose.INTAKE) {
            data.put("isContactGuest", participant.role() == ParticipantRole.CONTACT_GUEST);
            answers.intake(participant.id()).ifPresent(intake -> {
                data.put("goalsAndPurpose", intake.goalsAndPurpose());
                data.put("improvementWork", intake.improvementWork());
                data.put("libraryConsent", answers.intakeLibraryConsent(participant.id()).isPresent());
            });
            answers.contactAgainChoice(participant.id()).ifPresent(choice -> data.put("contactAgainConsent", choice));
        }
        return ResponseEntity.ok(data);
    }

    /**
     * A submission: 422 with messages by field (the guest's typing stays in the page); 409 with a message when it
     * came after the process moved on (kept for the coordinator, not taken into the visit); or where to go next.
     */
    @PostMapping(path = "/guest/{form}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> submit(@PathVariable String form, @RequestBody Submission submission,
            HttpSession session) {
        Optional<GuestSession> allowed = allowed(form, session);
        if (allowed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("redirect", "/guest/" + form));
        }
        GuestSession guest = allowed.get();
        Purpose purpose = purpose(form);
        Participant participant = visits.participant(guest.participantId());
        Locale locale = participant.language().locale();
        Map<String, Object> values = submission.values() == null ? Map.of() : submission.values();
        List<FieldError> errors = new ArrayList<>(forms.get(formId(purpose)).validate(values));
        List<Map<String, Object>> travellers = purpose == Purpose.INTAKE ? coTravellers(values, participant, errors) : List.of();
        if (!errors.isEmpty()) {
            return ResponseEntity.unprocessableEntity().body(Map.of(
                    "errors", forms.messages(formId(purpose), errors, locale),
                    "summary", messages.getMessage("guest.form.errors", null, locale)));
        }
        Outcome outcome = Outcome.ALREADY_RECEIVED;
        try {
            if (purpose == Purpose.INTAKE) {
                String version = forms.get(INTAKE_FORM).field("confidentialityAccepted").properties().get("version");
                outcome = answers.submitIntake(guest.visitId(), participant.id(),
                        (String) values.get("goalsAndPurpose"), (String) values.get("improvementWork"),
                        new Confidentiality(version), Boolean.TRUE.equals(values.get("libraryConsent")));
                if (outcome != Outcome.ALREADY_RECEIVED && outcome != Outcome.KEPT_LATE) {
                    invite(guest.visitId(), participant, travellers);
                    if (values.get("contactAgainConsent") instanceof Boolean contactAgain) {
                        partners.chooseAtIntake(guest.visitId(), participant.id(), contactAgain);
                    }
                }
            } else {
                outcome = answers.submitEvaluation(guest.visitId(), participant.id(),
                        Integer.parseInt(String.valueOf(values.get("score"))), (String) values.get("wentWell"),
                        (String) values.get("toImprove"));
            }
        } catch (DuplicateKeyException sameMomentSecondSubmission) {
            log.info("A second submission of the {} of participant {} at the same moment was refused", form, participant.id());
        } catch (VisitClosedException closed) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("redirect", "/guest/" + form));
        }
        if (outcome == Outcome.KEPT_LATE) {
            // the answer committed in the late answers, not in the visit: the guest is told so, and stays on the page
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("late", true,
                    "message", messages.getMessage("guest.late." + form, null, locale)));
        }
        return ResponseEntity.ok(Map.of("redirect", "/guest/" + form + "/sent"));
    }

    @GetMapping("/guest/{form}/sent")
    String sent(@PathVariable String form, HttpSession session, HttpServletResponse response, Model model) {
        Optional<GuestSession> allowed = allowed(form, session);
        if (allowed.isEmpty()) {
            return noSession(response, model);
        }
        GuestSession guest = allowed.get();
        Purpose purpose = purpose(form);
        Participant participant = visits.participant(guest.participantId());
        Visit visit = visits.get(guest.visitId());
        guestPage(model, visit, participant, form);
        Optional<Intake> intake = purpose == Purpose.INTAKE ? answers.intake(participant.id()) : Optional.empty();
        Optional<Evaluation> evaluation = purpose == Purpose.EVALUATION ? answers.evaluation(participant.id()) : Optional.empty();
        if (intake.isEmpty() && evaluation.isEmpty()) {
            return "redirect:/guest/" + form;
        }
        model.addAttribute("intake", intake.orElse(null));
        model.addAttribute("libraryConsent", intake.isPresent() && answers.intakeLibraryConsent(participant.id()).isPresent());
        model.addAttribute("evaluation", evaluation.orElse(null));
        model.addAttribute("editable", purpose == Purpose.INTAKE && answers.intakeEditable(visit));
        model.addAttribute("travellers", visits.guests(visit.id()).stream()
                .filter(g -> g.role() == ParticipantRole.GUEST).toList());
        return "guest/sent";
    }

    /** A body that is not the JSON a guest page sends. */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    @ResponseBody
    ResponseEntity<Map<String, Object>> unreadable() {
        return ResponseEntity.badRequest().body(Map.of("errors", Map.of()));
    }

    /** Whatever went wrong on our side: a page in the guest's language that says their earlier answers are safe. */
    @org.springframework.web.bind.annotation.ExceptionHandler(RuntimeException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String failed(RuntimeException e, HttpSession session, Model model) {
        log.error("Guest page failed", e);
        GuestSession guest = GuestSession.of(session);
        Language language = guest == null ? Language.SV : visits.participant(guest.participantId()).language();
        return message(model, language, "error");
    }

    /** The JSON a guest page posts: the form's values as form-js gives them. */
    record Submission(Map<String, Object> values) {
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** Co-travellers: only the contact guest adds them; an entry with anything in it needs a name and an email. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> coTravellers(Map<String, Object> values, Participant participant, List<FieldError> errors) {
        if (!(values.get("coTravellers") instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        if (participant.role() != ParticipantRole.CONTACT_GUEST) {
            errors.add(new FieldError("coTravellers", "invalid"));
            return List.of();
        }
        List<Map<String, Object>> filled = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                continue;
            }
            Map<String, Object> entry = (Map<String, Object>) raw;
            boolean blank = entry.values().stream().allMatch(v -> v == null || String.valueOf(v).isBlank()
                    || "SV".equals(v) || "EN".equals(v));
            if (blank) {
                continue;
            }
            for (String key : List.of("name", "email")) {
                if (entry.get(key) == null || String.valueOf(entry.get(key)).isBlank()) {
                    errors.add(new FieldError("coTravellers[" + i + "]." + key, "required"));
                }
            }
            filled.add(entry);
        }
        if (filled.size() > MAX_CO_TRAVELLERS) {
            errors.add(new FieldError("coTravellers", "tooMany", MAX_CO_TRAVELLERS));
        }
        return filled;
    }

    private void invite(long visitId, Participant contact, List<Map<String, Object>> travellers) {
        if (travellers.isEmpty()) {
            return;
        }
        Visit visit = visits.get(visitId);
        for (Map<String, Object> t : travellers) {
            Object language = t.get("language");
            visits.addGuest(visitId, String.valueOf(t.get("name")), String.valueOf(t.get("email")),
                    language == null ? contact.language() : Language.parse(String.valueOf(language)), contact.id())
                    .ifPresent(added -> actions.inviteGuest(visit.reference(), added.id()));
        }
    }

    private String message(Model model, Language language, String kind) {
        RequestLocale.pageIn(model, language.locale());
        model.addAttribute("kind", kind);
        return "guest/message";
    }

    /** Someone without a guest session for this form: a page that sends them to their email. */
    private String noSession(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return message(model, Language.SV, "no-session");
    }

    /** A page about one guest's visit, in that guest's language. */
    private static void guestPage(Model model, Visit visit, Participant participant, String form) {
        model.addAttribute("visit", visit);
        model.addAttribute("guest", participant);
        model.addAttribute("form", form);
        RequestLocale.pageIn(model, participant.language().locale());
    }

    private static Language languageOf(HttpServletRequest request) {
        return request.getLocale() != null && "sv".equals(request.getLocale().getLanguage()) ? Language.SV : Language.EN;
    }

    /** The guest session, if it opens this form (a link for that purpose was used in this session). */
    private static Optional<GuestSession> allowed(String form, HttpSession session) {
        Purpose purpose = purpose(form);
        GuestSession guest = GuestSession.of(session);
        return purpose != null && guest != null && guest.allows(purpose) ? Optional.of(guest) : Optional.empty();
    }

    private static Purpose purpose(String form) {
        return switch (form) {
            case "intake" -> Purpose.INTAKE;
            case "evaluation" -> Purpose.EVALUATION;
            default -> null;
        };
    }

    private static String formId(Purpose purpose) {
        return purpose == Purpose.INTAKE ? INTAKE_FORM : EVALUATION_FORM;
    }
}
