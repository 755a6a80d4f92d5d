package se.samlarande.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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

import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * {@code /app/library}: search for every staff group ({@code ?q=&theme=&level=}, {@code &lang=en} in English), an
 * entry's page {@code /app/library/{id}}, and curation for coordinators and admins (the security chain says the
 * same): title, summary, language and themes, publishing (only with consent), whom the credits name, and themes.
 * A draft without consent is not found by anyone; an unpublished entry only by those who curate.
 */
@Controller
@RequestMapping("/app/library")
class LibraryController {

    /** Who curates the library: coordinators and admins. */

    private final LibraryService library;
    private final MessageSource messages;

    LibraryController(LibraryService library, MessageSource messages) {
        this.library = library;
        this.messages = messages;
    }

    @GetMapping
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String theme,
            @RequestParam(required = false) String level, @RequestParam(required = false) String lang,
            Authentication user, Model model) {
        Locale locale = page(model, lang);
        Long themeId = parseLong(theme);
        PartnerLevel partnerLevel = parseLevel(level);
        model.addAttribute("q", q);
        model.addAttribute("theme", themeId);
        model.addAttribute("level", partnerLevel == null ? null : partnerLevel.name());
        model.addAttribute("ranked", !q.isBlank());
        model.addAttribute("hits", library.search(q, themeId, partnerLevel));
        return searchPage(model, user, locale);
    }

    @GetMapping("/{id}")
    String entry(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user, Model model) {
        page(model, lang);
        return entryPage(id, user, model, Map.of(), Map.of());
    }

    @PostMapping("/{id}")
    String curate(@PathVariable long id, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String summary, @RequestParam(defaultValue = "SV") String language,
            @RequestParam(required = false) List<Long> themes, @RequestParam(required = false) String lang,
            Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        try {
            library.curate(id, title, summary, parseLanguage(language), themes == null ? List.of() : themes, user.getName());
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("title", title);
            typed.put("summary", summary);
            typed.put("language", language);
            typed.put("themes", themes == null ? List.of() : themes);
            return entryPage(id, user, model, typed, Map.of(e.field(), message(e, locale)));
        }
        return done(redirect, locale, "library.curate.saved", "/app/library/" + id, lang);
    }

    @PostMapping("/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        try {
            library.publish(id, user.getName());
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return entryPage(id, user, model, Map.of(), Map.of(e.field(), message(e, locale)));
        }
        return done(redirect, locale, "library.published", "/app/library/" + id, lang);
    }

    @PostMapping("/{id}/unpublish")
    String unpublish(@PathVariable long id, @RequestParam(required = false) String lang, Authentication user,
            Model model, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        library.unpublish(id, user.getName());
        return done(redirect, locale, "library.unpublished", "/app/library/" + id, lang);
    }

    @PostMapping("/{id}/sharers/{sharerId}")
    String name(@PathVariable long id, @PathVariable long sharerId, @RequestParam(defaultValue = "false") boolean named,
            @RequestParam(required = false) String lang, Authentication user, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        try {
            library.setSharerNamed(id, sharerId, named, user.getName());
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return entryPage(id, user, model, Map.of(), Map.of(e.field(), message(e, locale)));
        }
        return done(redirect, locale, "library.sharer.saved", "/app/library/" + id, lang);
    }

    @PostMapping("/themes")
    String addTheme(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String nameEn,
            @RequestParam(required = false) String lang, Authentication user, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Locale locale = page(model, lang);
        try {
            library.addTheme(name, nameEn, user.getName());
        } catch (LibraryInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("q", "");
            model.addAttribute("ranked", false);
            model.addAttribute("hits", library.search("", null, null));
            model.addAttribute("themeTyped", Map.of("name", name, "nameEn", nameEn));
            model.addAttribute("themeErrors", Map.of(e.field(), message(e, locale)));
            return searchPage(model, user, locale);
        }
        return done(redirect, locale, "library.themes.added", "/app/library", lang);
    }

    @ExceptionHandler(LibraryEntryNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("message", messages.getMessage("library.notFound", null, RequestLocale.SWEDISH));
        return "staff/not-found";
    }

    // ---- the pages ----

    private String searchPage(Model model, Authentication user, Locale locale) {
        boolean curator = Curators.includes(user);
        model.addAttribute("themes", library.themes());
        model.addAttribute("levels", PartnerLevel.values());
        model.addAttribute("curator", curator);
        model.addAttribute("unpublished", curator ? library.unpublishedWithConsent() : List.of());
        model.addAttribute("locale", locale);
        model.asMap().putIfAbsent("themeTyped", Map.of());
        model.asMap().putIfAbsent("themeErrors", Map.of());
        return "library/search";
    }

    private String entryPage(long id, Authentication user, Model model, Map<String, Object> typed,
            Map<String, String> errors) {
        boolean curator = Curators.includes(user);
        LibraryEntry entry = library.entry(id)
                .filter(e -> e.consented() && !e.erased() && (e.published() || curator))
                .orElseThrow(() -> new LibraryEntryNotFoundException(id));
        model.addAttribute("entry", entry);
        model.addAttribute("contacts", library.contactsFor(entry));
        model.addAttribute("themes", library.themes());
        model.addAttribute("languages", Language.values());
        model.addAttribute("curator", curator);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("failed", !errors.isEmpty());
        return "library/entry";
    }

    /** Swedish, or English with {@code ?lang=en}; the page's messages and its {@code lang} attribute. */
    static Locale page(Model model, String lang) {
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

    private static PartnerLevel parseLevel(String value) {
        try {
            return value == null || value.isBlank() ? null : PartnerLevel.parse(value);
        } catch (IllegalArgumentException e) {
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
