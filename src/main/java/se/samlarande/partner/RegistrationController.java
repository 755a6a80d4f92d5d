package se.samlarande.partner;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.samlarande.form.FormField;
import se.samlarande.form.FormSchema;
import se.samlarande.form.FormSchemas;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * {@code /app/visits/new}, for coordinators: the visit's start form as a page of the app, with the known
 * organisations and contact people offered as suggestions ({@code <datalist>}; a small static script fills an
 * organisation's level and a person's name, address and language when one is chosen). Tasklist's start form cannot
 * offer them: it renders a Camunda Form without any variables. The page validates against the same form
 * ({@code visit-registration}) and starts the process with exactly the variables Tasklist submits; linking the visit
 * to the register (and so never duplicating an organisation or a person) happens when the process stores the visit,
 * whichever way it was registered.
 */
@Controller
class RegistrationController {

    static final String FORM = "visit-registration";

    private final FormSchemas forms;
    private final PartnerDirectory directory;
    private final RegistrationStartForm startForm;
    private final MessageSource messages;

    RegistrationController(FormSchemas forms, PartnerDirectory directory, RegistrationStartForm startForm,
            MessageSource messages) {
        this.forms = forms;
        this.directory = directory;
        this.startForm = startForm;
        this.messages = messages;
    }

    @GetMapping("/app/visits/new")
    String form(@RequestParam(required = false) String lang, Model model) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("direction", "INCOMING");
        defaults.put("contactLanguage", "SV");
        return page(model, locale(lang, model), defaults, Map.of(), null);
    }

    @PostMapping("/app/visits/new")
    String register(@RequestParam Map<String, String> params, Principal user, Model model, RedirectAttributes redirect) {
        Locale locale = locale(params.get("lang"), model);
        FormSchema schema = forms.get(FORM);
        Map<String, String> values = new LinkedHashMap<>();
        schema.fields().forEach(f -> values.put(f.key(), params.getOrDefault(f.key(), "").strip()));
        if (values.get("direction").isEmpty()) {
            values.put("direction", "INCOMING");
        }
        // A checkbox is a Boolean, as Tasklist submits it.
        Map<String, Object> submitted = new LinkedHashMap<>(values);
        schema.fields().stream().filter(f -> "checkbox".equals(f.type()))
                .forEach(f -> submitted.put(f.key(), "true".equals(values.get(f.key()))));
        Map<String, String> errors = forms.messages(FORM, schema.validate(submitted), locale);
        if (!errors.isEmpty()) {
            return page(model, locale, values, errors, null);
        }
        String reference;
        try {
            reference = startForm.submit(submitted, user.getName());
        } catch (InvalidVisitException refused) {
            return page(model, locale, values, Map.of(), refused.getMessage());
        }
        redirect.addFlashAttribute("notice", messages.getMessage("partner.register.done", new Object[] {reference},
                RequestLocale.SWEDISH));
        return "redirect:/app/visits/" + reference;
    }

    private String page(Model model, Locale locale, Map<String, String> values, Map<String, String> errors,
            String refused) {
        FormSchema schema = forms.get(FORM);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> hints = new LinkedHashMap<>();
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        boolean swedish = "sv".equals(locale.getLanguage());
        for (FormField field : schema.fields()) {
            String prefix = "form." + FORM + "." + field.id() + ".";
            labels.put(field.key(), swedish ? field.label() : messages.getMessage(prefix + "label", null, field.label(), locale));
            if (field.description() != null) {
                hints.put(field.key(), swedish ? field.description()
                        : messages.getMessage(prefix + "description", null, field.description(), locale));
            }
            Map<String, String> choices = new LinkedHashMap<>();
            field.options().forEach(o -> choices.put(o.value(), swedish ? o.label()
                    : messages.getMessage(prefix + "option." + o.value(), null, o.label(), locale)));
            options.put(field.key(), choices);
        }
        model.addAttribute("labels", labels);
        model.addAttribute("hints", hints);
        model.addAttribute("options", options);
        model.addAttribute("levels", List.of(PartnerLevel.values()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused);
        model.addAttribute("organisations", directory.knownOrganisations());
        model.addAttribute("contacts", directory.knownContacts());
        return "staff/register-visit";
    }

    private static Locale locale(String lang, Model model) {
        Locale locale = Language.fromParameter(lang).locale();
        RequestLocale.pageIn(model, locale);
        return locale;
    }
}
