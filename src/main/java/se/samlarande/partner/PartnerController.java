package se.samlarande.partner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Intake;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.HostingReport;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitDirection;
import se.samlarande.visit.VisitService;

/**
 * {@code /app/partners}: the partner organisations (search by name, filter by level, country and sector) and one
 * organisation's page: its facts, its visits in both directions, what was shared and learned in them, and who to
 * contact. Every staff group reads; coordinators and admins correct the facts and record a person's choice to be
 * contacted again, and only they see the people who have not said yes (marked). {@code ?lang=en} in English.
 */
@Controller
@RequestMapping("/app/partners")
class PartnerController {

    /** Who edits the register and sees every contact person; the same groups as in the security configuration. */
    private static final Set<String> EDITORS = Set.of("coordinators", "camunda-admin");

    private final PartnerDirectory directory;
    private final PartnerRegister register;
    private final VisitService visits;
    private final AnswerService answers;
    private final MessageSource messages;

    PartnerController(PartnerDirectory directory, PartnerRegister register, VisitService visits, AnswerService answers,
            MessageSource messages) {
        this.directory = directory;
        this.register = register;
        this.visits = visits;
        this.answers = answers;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String level,
            @RequestParam(required = false) String country, @RequestParam(required = false) String sector,
            @RequestParam(required = false) String lang, Model model) {
        language(lang, model);
        PartnerLevel wanted = null;
        if (level != null && !level.isBlank()) {
            try {
                wanted = PartnerLevel.parse(level);
            } catch (IllegalArgumentException e) {
                model.addAttribute("levelError", true);
            }
        }
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("level", wanted);
        model.addAttribute("country", country == null ? "" : country);
        model.addAttribute("sector", sector == null ? "" : sector);
        model.addAttribute("levels", List.of(PartnerLevel.values()));
        model.addAttribute("countries", directory.countries());
        model.addAttribute("sectors", directory.sectors());
        model.addAttribute("partners", directory.search(q, wanted, country, sector));
        return "staff/partners";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user, Model model) {
        language(lang, model);
        return page(directory.get(id), user, model, null, Map.of(), Map.of());
    }

    @PostMapping("/{id}")
    String updateFacts(@PathVariable long id, @RequestParam(defaultValue = "") String level,
            @RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String sector,
            @RequestParam(required = false) String lang, Authentication user, Model model, RedirectAttributes redirect) {
        Locale locale = language(lang, model);
        Partner partner = directory.get(id);
        try {
            register.updateFacts(id, level, country, sector, user.getName());
        } catch (PartnerRegister.InvalidInput e) {
            return page(partner, user, model, "facts", Map.of("level", level, "country", country, "sector", sector),
                    Map.of(e.field(), messages.getMessage(e.getMessage(), null, locale)));
        }
        redirect.addFlashAttribute("notice", messages.getMessage("partner.facts.saved", null, locale));
        return redirectTo(id, lang);
    }

    @PostMapping("/{id}/contacts/{contactId}/consent")
    String recordConsent(@PathVariable long id, @PathVariable long contactId,
            @RequestParam(required = false) String contactAgain, @RequestParam(required = false) String lang,
            Authentication user, Model model, RedirectAttributes redirect) {
        Locale locale = language(lang, model);
        Partner partner = directory.get(id);
        Boolean choice = "true".equals(contactAgain) ? Boolean.TRUE : "false".equals(contactAgain) ? Boolean.FALSE : null;
        try {
            register.recordConsent(id, contactId, choice, user.getName());
        } catch (PartnerRegister.InvalidInput e) {
            return page(partner, user, model, "consent-" + contactId, Map.of(),
                    Map.of(e.field(), messages.getMessage(e.getMessage(), null, locale)));
        }
        redirect.addFlashAttribute("notice", messages.getMessage("partner.contact.consentSaved", null, locale));
        return redirectTo(id, lang);
    }

    @PostMapping("/{id}/contacts/{contactId}/role")
    String updateRole(@PathVariable long id, @PathVariable long contactId,
            @RequestParam(defaultValue = "") String roleTitle, @RequestParam(required = false) String lang,
            Authentication user, Model model, RedirectAttributes redirect) {
        Locale locale = language(lang, model);
        Partner partner = directory.get(id);
        try {
            register.updateRoleTitle(id, contactId, roleTitle, user.getName());
        } catch (PartnerRegister.InvalidInput e) {
            return page(partner, user, model, "role-" + contactId, Map.of("roleTitle", roleTitle),
                    Map.of(e.field(), messages.getMessage(e.getMessage(), null, locale)));
        }
        redirect.addFlashAttribute("notice", messages.getMessage("partner.contact.roleSaved", null, locale));
        return redirectTo(id, lang);
    }

    @ExceptionHandler(PartnerNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(PartnerNotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    /** A visit on the page, with what was shared and learned in it (texts erased under retention are left out). */
    record VisitView(Visit visit, List<String> guestsShared, String hostShared, String learned,
            String introducedInPractice) {

        public boolean hasLearning() {
            return !guestsShared.isEmpty() || hostShared != null || learned != null || introducedInPractice != null;
        }
    }

    /** A contact person with the visits they took part in. */
    record ContactView(Contact contact, List<ContactVisit> visits) {
    }

    private String page(Partner partner, Authentication user, Model model, String failedForm, Map<String, String> typed,
            Map<String, String> errors) {
        boolean editor = isEditor(user);
        List<VisitView> all = directory.visitIds(partner.id()).stream().map(this::view).toList();
        Map<Long, List<ContactVisit>> byContact = directory.visitsOfContacts(partner.id()).stream()
                .collect(Collectors.groupingBy(ContactVisit::contactId, LinkedHashMap::new, Collectors.toList()));
        List<ContactView> friends = new ArrayList<>();
        List<ContactView> others = new ArrayList<>();
        for (Contact contact : editor ? directory.allContacts(partner.id()) : directory.competenceFriends(partner.id())) {
            ContactView view = new ContactView(contact, byContact.getOrDefault(contact.id(), List.of()));
            (contact.competenceFriend() ? friends : others).add(view);
        }
        model.addAttribute("partner", partner);
        model.addAttribute("incoming", all.stream().filter(v -> v.visit().direction() == VisitDirection.INCOMING).toList());
        model.addAttribute("outgoing", all.stream().filter(v -> v.visit().direction() == VisitDirection.OUTGOING).toList());
        model.addAttribute("learning", all.stream().filter(VisitView::hasLearning).toList());
        model.addAttribute("friends", friends);
        model.addAttribute("others", others);
        model.addAttribute("editor", editor);
        model.addAttribute("levels", List.of(PartnerLevel.values()));
        model.addAttribute("countries", directory.countries());
        model.addAttribute("sectors", directory.sectors());
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "staff/partner";
    }

    private VisitView view(long visitId) {
        Visit visit = visits.get(visitId);
        List<String> guests = answers.intakes(visitId).stream().map(Intake::improvementWork).filter(PartnerController::present)
                .toList();
        Optional<HostingReport> hosting = visits.hostingReport(visitId);
        var summary = answers.summary(visitId);
        return new VisitView(visit, guests, hosting.map(HostingReport::sharedWork).filter(PartnerController::present).orElse(null),
                summary.map(s -> s.learned()).filter(PartnerController::present).orElse(null),
                summary.map(s -> s.introduceInPractice()).filter(PartnerController::present).orElse(null));
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static boolean isEditor(Authentication user) {
        return user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(EDITORS::contains);
    }

    private static Locale language(String lang, Model model) {
        Language language = Language.fromParameter(lang);
        RequestLocale.pageIn(model, language.locale());
        return language.locale();
    }

    private static String redirectTo(long id, String lang) {
        return "redirect:/app/partners/" + id + (Language.fromParameter(lang) == Language.EN ? "?lang=en" : "");
    }
}
