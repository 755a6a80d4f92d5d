package se.samlarande.learning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
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

import se.samlarande.library.Curators;
import se.samlarande.library.LibraryEntry;
import se.samlarande.library.LibraryInputException;
import se.samlarande.library.LibraryService;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;

/**
 * {@code /app/packages}: the learning packages for every staff group to read (drafts too, and a draft's PDF as a
 * preview); coordinators and admins create, assemble and publish them (the security chain says the same). Plain HTML
 * forms with CSRF tokens; refused input comes back with its message next to the field and the typing kept.
 */
@Controller
@RequestMapping("/app/packages")
class PackageController {

    /** Who assembles and publishes packages: coordinators and admins. */

    private final PackageService packages;
    private final PackagePdf pdf;
    private final LibraryService library;
    private final MessageSource messages;

    PackageController(PackageService packages, PackagePdf pdf, LibraryService library, MessageSource messages) {
        this.packages = packages;
        this.pdf = pdf;
        this.library = library;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String lang, Authentication user, Model model) {
        page(model, lang);
        return listPage(user, model, Map.of(), Map.of());
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String title, @RequestParam(required = false) String theme,
            @RequestParam(defaultValue = "SV") String language, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        try {
            long id = packages.create(title, parseLong(theme), parseLanguage(language), user.getName());
            return done(redirect, locale, "packages.created", "/app/packages/" + id, lang);
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("title", title);
            typed.put("theme", theme == null ? "" : theme);
            typed.put("language", language);
            return listPage(user, model, typed, Map.of(e.field(), message(e, locale)));
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user, Model model) {
        page(model, lang);
        return packagePage(id, user, model, null, Map.of(), Map.of());
    }

    /** A draft as it will print, for staff. */
    @GetMapping("/{id}/preview.pdf")
    ResponseEntity<byte[]> preview(@PathVariable long id) {
        return PublicPackageController.pdfResponse(packages.get(id), pdf);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) String theme, @RequestParam(defaultValue = "") String introduction,
            @RequestParam(defaultValue = "SV") String language, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "package", Map.of("title", title, "introduction", introduction),
                "packages.saved", () -> packages.update(id, title, parseLong(theme), introduction, parseLanguage(language),
                        user.getName()));
    }

    @PostMapping("/{id}/modules")
    String addModule(@PathVariable long id, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String goal, @RequestParam(defaultValue = "") String workshop,
            @RequestParam(defaultValue = "") String evaluation, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "module-new", moduleTyped(title, goal, workshop, evaluation),
                "packages.module.added", () -> packages.addModule(id, title, goal, workshop, evaluation));
    }

    @PostMapping("/{id}/modules/{moduleId}")
    String updateModule(@PathVariable long id, @PathVariable long moduleId, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String goal, @RequestParam(defaultValue = "") String workshop,
            @RequestParam(defaultValue = "") String evaluation, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "module-" + moduleId,
                moduleTyped(title, goal, workshop, evaluation), "packages.saved",
                () -> packages.updateModule(id, moduleId, title, goal, workshop, evaluation));
    }

    @PostMapping("/{id}/modules/{moduleId}/delete")
    String deleteModule(@PathVariable long id, @PathVariable long moduleId, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "module-" + moduleId, Map.of(), "packages.module.deleted",
                () -> packages.deleteModule(id, moduleId));
    }

    /** Only an entry that is visible in the library (consent given, published) can be added; others are refused. */
    @PostMapping("/{id}/modules/{moduleId}/entries")
    String addEntry(@PathVariable long id, @PathVariable long moduleId, @RequestParam(required = false) String entryId,
            @RequestParam(required = false) String lang, Authentication user, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "entry-" + moduleId, Map.of(), "packages.entry.added", () -> {
            Long entry = parseLong(entryId);
            if (entry == null) {
                throw new LibraryInputException("entryId", "packages.error.entry.notVisible");
            }
            packages.addEntry(id, moduleId, entry);
        });
    }

    @PostMapping("/{id}/modules/{moduleId}/visits")
    String addVisit(@PathVariable long id, @PathVariable long moduleId, @RequestParam(defaultValue = "") String reference,
            @RequestParam(required = false) String lang, Authentication user, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "visit-" + moduleId, Map.of("reference", reference),
                "packages.entry.added", () -> packages.addVisit(id, moduleId, reference));
    }

    @PostMapping("/{id}/modules/{moduleId}/entries/{entryId}/remove")
    String removeEntry(@PathVariable long id, @PathVariable long moduleId, @PathVariable long entryId,
            @RequestParam(required = false) String lang, Authentication user, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "entry-" + moduleId, Map.of(), "packages.entry.removed",
                () -> packages.removeEntry(id, moduleId, entryId));
    }

    @PostMapping("/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "publish", Map.of(), "packages.published",
                () -> packages.publish(id, user.getName()));
    }

    @PostMapping("/{id}/unpublish")
    String unpublish(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, lang, user, model, response, redirect, "publish", Map.of(), "packages.unpublished",
                () -> packages.unpublish(id, user.getName()));
    }

    @ExceptionHandler(PackageService.NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("message", messages.getMessage("packages.notFound", null, RequestLocale.SWEDISH));
        return "staff/not-found";
    }

    // ---- the pages ----

    /** Does what a form asked; refused input shows the page again (422) with the message next to the field. */
    private String act(long id, String lang, Authentication user, Model model, HttpServletResponse response,
            RedirectAttributes redirect, String form, Map<String, String> typed, String doneKey, Runnable action) {
        Locale locale = page(model, lang);
        try {
            action.run();
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return packagePage(id, user, model, form, typed, Map.of(e.field(), message(e, locale)));
        }
        return done(redirect, locale, doneKey, "/app/packages/" + id, lang);
    }

    private String listPage(Authentication user, Model model, Map<String, String> typed, Map<String, String> errors) {
        model.addAttribute("packages", packages.all());
        model.addAttribute("themes", library.themes());
        model.addAttribute("languages", Language.values());
        model.addAttribute("curator", Curators.includes(user));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "packages/list";
    }

    private String packagePage(long id, Authentication user, Model model, String failedForm, Map<String, String> typed,
            Map<String, String> errors) {
        LearningPackage pkg = packages.get(id);
        boolean curator = Curators.includes(user);
        model.addAttribute("pkg", pkg);
        model.addAttribute("curator", curator);
        model.addAttribute("themes", library.themes());
        model.addAttribute("languages", Language.values());
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        List<LibraryEntry> visible = curator ? library.allVisible() : List.of();
        Long theme = pkg.theme() == null ? null : pkg.theme().id();
        model.addAttribute("themeEntries", visible.stream()
                .filter(e -> e.themes().stream().anyMatch(t -> t.id() == (theme == null ? -1 : theme))).toList());
        model.addAttribute("otherEntries", visible.stream()
                .filter(e -> e.themes().stream().noneMatch(t -> t.id() == (theme == null ? -1 : theme))).toList());
        return "packages/package";
    }

    private static Map<String, String> moduleTyped(String title, String goal, String workshop, String evaluation) {
        return Map.of("title", title, "goal", goal, "workshop", workshop, "evaluation", evaluation);
    }

    private static Locale page(Model model, String lang) {
        Locale locale = Language.fromParameter(lang).locale();
        RequestLocale.pageIn(model, locale);
        return locale;
    }

    private String done(RedirectAttributes redirect, Locale locale, String key, String path, String lang) {
        redirect.addFlashAttribute("notice", messages.getMessage(key, null, locale));
        return "redirect:" + path + (Language.fromParameter(lang) == Language.EN ? "?lang=en" : "");
    }

    private String message(LibraryInputException e, Locale locale) {
        return messages.getMessage(e.messageKey(), e.arguments(), locale);
    }


    private static Long parseLong(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Language parseLanguage(String value) {
        try {
            return Language.parse(value);
        } catch (IllegalArgumentException e) {
            return Language.SV;
        }
    }
}
