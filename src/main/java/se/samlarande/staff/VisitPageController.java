package se.samlarande.staff;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.AnswerException;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.Intake;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.PracticeFollowUps;
import se.samlarande.form.FormSchema;
import se.samlarande.form.FormSchemas;
import se.samlarande.notification.Outbox;
import se.samlarande.partner.PartnerDirectory;
import se.samlarande.report.VisitResults;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitActions;
import se.samlarande.visit.VisitNotFoundException;
import se.samlarande.visit.VisitService;

/** {@code /app/visits}: the list of visits and one visit's page with its actions. */
@Controller
@RequestMapping("/app/visits")
class VisitPageController {

    static final String INTAKE_FORM = "intake";
    static final String EVALUATION_FORM = "evaluation";
    private static final java.util.Locale SWEDISH = java.util.Locale.forLanguageTag("sv");

    private final VisitService visits;
    private final AnswerService answers;
    private final VisitActions actions;
    private final Outbox outbox;
    private final VisitResults results;
    private final FormSchemas forms;
    private final AuditLog audit;
    private final PracticeFollowUps followUps;
    private final java.time.Clock clock;
    private final TransactionTemplate transaction;
    private final PartnerDirectory partners;
    private final se.samlarande.library.LibraryService library;

    VisitPageController(VisitService visits, AnswerService answers, VisitActions actions, Outbox outbox,
            VisitResults results, FormSchemas forms, AuditLog audit, PracticeFollowUps followUps, java.time.Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactions, PartnerDirectory partners,
            se.samlarande.library.LibraryService library) {
        this.partners = partners;
        this.library = library;
        this.visits = visits;
        this.answers = answers;
        this.actions = actions;
        this.outbox = outbox;
        this.results = results;
        this.forms = forms;
        this.audit = audit;
        this.followUps = followUps;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("visits", visits.recent(500));
        return "staff/visits";
    }

    @GetMapping("/{reference}")
    String show(@PathVariable String reference, Model model) {
        return page(visits.getByReference(reference), model, null, Map.of(), Map.of());
    }

    @PostMapping("/{reference}/intake")
    String recordIntake(@PathVariable String reference, @RequestParam long participantId,
            @RequestParam Map<String, String> params, Principal user, Model model, RedirectAttributes redirect) {
        return recordOnBehalf(reference, INTAKE_FORM, participantId, params, model, redirect,
                (visit, values) -> switch (answers.recordIntake(visit.id(), participantId,
                        values.get("goalsAndPurpose"), values.get("improvementWork"), user.getName())) {
                    case RECEIVED -> "Underlaget är registrerat och besöket går vidare.";
                    case RECEIVED_LATE -> "Underlaget är registrerat. Processen hade redan gått vidare; underlaget visas för värden.";
                    case ALREADY_RECEIVED, CORRECTED, KEPT_LATE -> "Gästen hade redan lämnat underlag; inget ändrades.";
                });
    }

    @PostMapping("/{reference}/evaluation")
    String recordEvaluation(@PathVariable String reference, @RequestParam long participantId,
            @RequestParam Map<String, String> params, Principal user, Model model, RedirectAttributes redirect) {
        return recordOnBehalf(reference, EVALUATION_FORM, participantId, params, model, redirect,
                (visit, values) -> switch (answers.recordGuestEvaluation(visit.id(), participantId,
                        Integer.parseInt(values.get("score")), values.get("wentWell"), values.get("toImprove"),
                        user.getName())) {
                    case RECEIVED -> "Utvärderingen är registrerad.";
                    case RECEIVED_LATE -> "Utvärderingen är registrerad, efter att utvärderingstiden gått ut.";
                    case ALREADY_RECEIVED, CORRECTED, KEPT_LATE -> "Gästen hade redan utvärderat besöket; inget ändrades.";
                });
    }

    /**
     * An answer a guest gave by phone or letter: validated against the guest's own form; on errors the page comes
     * back with the messages and what was typed; otherwise it is recorded and the outcome shown.
     */
    private String recordOnBehalf(String reference, String formId, long participantId, Map<String, String> params,
            Model model, RedirectAttributes redirect, BiFunction<Visit, Map<String, String>, String> record) {
        Visit visit = visits.getByReference(reference);
        FormSchema schema = onBehalf(formId);
        Map<String, String> values = fieldsOf(schema, params);
        Map<String, String> errors = forms.messages(formId, schema.validate(values), SWEDISH);
        if (!errors.isEmpty()) {
            return page(visit, model, formId + "-" + participantId, values, errors);
        }
        redirect.addFlashAttribute("notice", record.apply(visit, values));
        return "redirect:/app/visits/" + reference;
    }

    @PostMapping("/{reference}/reschedule")
    String reschedule(@PathVariable String reference, @RequestParam(defaultValue = "") String dateFrom,
            @RequestParam(defaultValue = "") String dateTo, Principal user, Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        Map<String, String> typed = Map.of("dateFrom", dateFrom, "dateTo", dateTo);
        try {
            LocalDate from = parse(dateFrom, "Första dag");
            LocalDate to = parse(dateTo, "Sista dag");
            // The message and the audit record commit together: no move without its record, no record without the move.
            transaction.executeWithoutResult(status -> {
                actions.reschedule(reference, from, to);
                audit.record(visit.id(), user.getName(), "VISIT_RESCHEDULED", visit.dateFrom() + " – " + visit.dateTo()
                        + " → " + from + " – " + to);
            });
        } catch (InvalidVisitException e) {
            return page(visit, model, "reschedule", typed, Map.of("dateFrom", e.getMessage()));
        }
        redirect.addFlashAttribute("notice", "Besöket är flyttat; gäster och värd får de nya datumen.");
        return "redirect:/app/visits/" + reference;
    }

    @PostMapping("/{reference}/cancel")
    String cancel(@PathVariable String reference, @RequestParam(defaultValue = "") String reason, Principal user,
            Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        try {
            transaction.executeWithoutResult(status -> {
                actions.cancel(reference, reason);
                audit.record(visit.id(), user.getName(), "VISIT_CANCELLED", reason.strip());
            });
        } catch (InvalidVisitException e) {
            return page(visit, model, "cancel", Map.of("reason", reason), Map.of("reason", e.getMessage()));
        }
        redirect.addFlashAttribute("notice", "Besöket är inställt; alla inbjudna meddelas.");
        return "redirect:/app/visits/" + reference;
    }

    @ExceptionHandler(VisitNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(VisitNotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    @ExceptionHandler({AnswerException.class, InvalidVisitException.class})
    @ResponseStatus(HttpStatus.UNPROCESSABLE_ENTITY)
    String refused(RuntimeException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/refused";
    }

    private String page(Visit visit, Model model, String failedForm, Map<String, String> typed,
            Map<String, String> errors) {
        List<Intake> intakes = answers.intakes(visit.id());
        List<Evaluation> evaluations = answers.evaluations(visit.id());
        Set<Long> withIntake = intakes.stream().map(Intake::participantId).collect(Collectors.toSet());
        Set<Long> withEvaluation = evaluations.stream().map(Evaluation::participantId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        model.addAttribute("visit", visit);
        model.addAttribute("partner", partners.partnerOf(visit.id()).orElse(null));
        model.addAttribute("libraryEntries", library.visibleEntriesOfVisit(visit.id()));
        model.addAttribute("guests", visits.guests(visit.id()));
        model.addAttribute("intakes", intakes);
        model.addAttribute("evaluations", evaluations);
        model.addAttribute("lateAnswers", answers.lateAnswers(visit.id()));
        model.addAttribute("withIntake", withIntake);
        model.addAttribute("withEvaluation", withEvaluation);
        model.addAttribute("hosting", visits.hostingReport(visit.id()).orElse(null));
        model.addAttribute("summary", answers.summary(visit.id()).orElse(null));
        model.addAttribute("result", results.find(visit.id()).orElse(null));
        PracticeFollowUp practice = followUps.find(visit.id()).orElse(null);
        model.addAttribute("practice", practice);
        model.addAttribute("practiceAsked", practice != null && !practice.dueAt().isAfter(clock.instant()));
        model.addAttribute("emails", outbox.recent(visit.id(), 100));
        model.addAttribute("intakeForm", onBehalf(INTAKE_FORM));
        model.addAttribute("evaluationForm", onBehalf(EVALUATION_FORM));
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "staff/visit";
    }

    /** The part of a guest's form that staff type in from a phone call or letter. */
    private FormSchema onBehalf(String formId) {
        return forms.get(formId).only(INTAKE_FORM.equals(formId) ? List.of("goalsAndPurpose", "improvementWork")
                : List.of("score", "wentWell", "toImprove"));
    }

    private static Map<String, String> fieldsOf(FormSchema schema, Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        schema.fields().forEach(f -> values.put(f.key(), params.getOrDefault(f.key(), "")));
        return values;
    }

    private static LocalDate parse(String value, String label) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidVisitException(label + " är inget giltigt datum.");
        }
    }
}
