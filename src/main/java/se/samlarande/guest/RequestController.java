package se.samlarande.guest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.fasterxml.jackson.databind.JsonNode;

import se.samlarande.form.FieldError;
import se.samlarande.form.FormSchemas;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.VisitRequests;

/**
 * {@code /request}: the public page where an organisation asks to visit a unit. It renders the Camunda Form
 * {@code visit-request} with form-js, in Swedish or English ({@code ?lang=en}); a valid request starts the
 * process, where a coordinator assesses it.
 */
@Controller
class RequestController {

    static final String FORM = "visit-request";

    private final FormSchemas forms;
    private final VisitRequests requests;
    private final MessageSource messages;

    RequestController(FormSchemas forms, VisitRequests requests, MessageSource messages) {
        this.forms = forms;
        this.requests = requests;
        this.messages = messages;
    }

    @GetMapping("/request")
    String page(@RequestParam(defaultValue = "sv") String lang, Model model) {
        Language language = Language.fromParameter(lang);
        RequestLocale.pageIn(model, language.locale());
        model.addAttribute("other", language == Language.SV ? "en" : "sv");
        return "guest/request";
    }

    @GetMapping(path = "/request/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    JsonNode schema(@RequestParam(defaultValue = "sv") String lang) {
        return forms.json(FORM, Language.fromParameter(lang).locale());
    }

    @GetMapping(path = "/request/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> data(@RequestParam(defaultValue = "sv") String lang) {
        return Map.of("contactLanguage", Language.fromParameter(lang).name());
    }

    @PostMapping(path = "/request", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> submit(@RequestParam(defaultValue = "sv") String lang,
            @RequestBody GuestController.Submission submission) {
        Locale locale = Language.fromParameter(lang).locale();
        Map<String, Object> values = submission.values() == null ? Map.of() : submission.values();
        List<FieldError> errors = forms.get(FORM).validate(values);
        if (!errors.isEmpty()) {
            return ResponseEntity.unprocessableEntity().body(Map.of("errors", forms.messages(FORM, errors, locale),
                    "summary", messages.getMessage("guest.form.errors", null, locale)));
        }
        Object groupSize = values.get("groupSize");
        requests.submit(new VisitRequests.Submission(text(values, "organisation"),
                PartnerLevel.parse(text(values, "partnerLevel")), text(values, "contactName"), text(values, "contactEmail"),
                Language.parse(text(values, "contactLanguage")), text(values, "hostUnitWish"), text(values, "whatToSee"),
                text(values, "preferredPeriods"),
                groupSize == null || String.valueOf(groupSize).isBlank() ? null : (int) Double.parseDouble(String.valueOf(groupSize))));
        return ResponseEntity.ok(Map.of("redirect", "/request/sent?lang=" + Language.fromParameter(lang).code()));
    }

    @GetMapping("/request/sent")
    String sent(@RequestParam(defaultValue = "sv") String lang, Model model) {
        RequestLocale.pageIn(model, Language.fromParameter(lang).locale());
        model.addAttribute("kind", "requested");
        return "guest/message";
    }

    private static String text(Map<String, Object> values, String key) {
        return String.valueOf(values.get(key)).strip();
    }
}
