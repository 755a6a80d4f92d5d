package se.samlarande.privacy;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /app/privacy}, for coordinators and admins: a person's register extract (a JSON file) and erasure on request.
 * The address travels in the body of a POST, never in an address that logs keep.
 */
@Controller
class PrivacyController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final RegisterExtract extracts;
    private final PersonErasure erasure;
    private final PersonalDataStore store;
    private final RetentionProperties retention;
    private final ObjectMapper json;
    private final ZoneId zone;

    PrivacyController(RegisterExtract extracts, PersonErasure erasure, PersonalDataStore store, RetentionProperties retention,
            ObjectMapper json, @Value("${samlarande.zone}") ZoneId zone) {
        this.extracts = extracts;
        this.erasure = erasure;
        this.store = store;
        this.retention = retention;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.zone = zone;
    }

    /** A line of the recent actions, as shown. */
    record Line(String time, String reference, String actor, String action, String detail) {
    }

    @GetMapping("/app/privacy")
    String page(Model model) {
        model.addAttribute("retention", retention);
        model.addAttribute("actions", store.recentActions(20).stream().map(a -> new Line(TIME.format(a.at().atZone(zone)),
                a.reference() == null ? "–" : a.reference(), a.actor(), a.action(), a.detail())).toList());
        return "staff/privacy";
    }

    @PostMapping("/app/privacy/extract")
    ResponseEntity<byte[]> extract(@RequestParam(defaultValue = "") String email, Principal user) throws Exception {
        if (!EMAIL.matcher(email.strip()).matches()) {
            return ResponseEntity.badRequest().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body("Ange en e-postadress.".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> extract = extracts.produce(email, user.getName());
        byte[] body = json.writeValueAsBytes(extract);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("registerutdrag-" + extract.get("producedAt").toString().substring(0, 10) + ".json")
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @PostMapping("/app/privacy/erase")
    String erase(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "false") boolean confirm,
            Principal user, Model model, HttpServletResponse response) {
        if (!EMAIL.matcher(email.strip()).matches()) {
            return refuse(model, response, HttpStatus.BAD_REQUEST, "Ange en e-postadress.", email);
        }
        if (!confirm) {
            return refuse(model, response, HttpStatus.BAD_REQUEST,
                    "Bekräfta att personen har begärt radering och att du har kontrollerat vem hen är.", email);
        }
        try {
            PersonErasure.Outcome outcome = erasure.erase(email, user.getName());
            model.addAttribute("done", outcome.nothing()
                    ? "Inget finns lagrat om den e-postadressen; inget har ändrats."
                    : "Uppgifterna är raderade: " + outcome.visits() + " besök, " + outcome.requests()
                            + " besöksförfrågningar, " + outcome.emails() + " e-postmeddelanden utan besök, "
                            + outcome.followUps() + " svar på uppföljningar av praktiken, "
                            + outcome.contacts() + " kontaktpersoner i partnerregistret. "
                            + "Resultatmåtten finns kvar utan personuppgifter.");
        } catch (PersonErasure.Refused e) {
            return refuse(model, response, HttpStatus.CONFLICT, "Raderingen kan inte göras nu. " + e.getMessage(), email);
        }
        return page(model);
    }

    private String refuse(Model model, HttpServletResponse response, HttpStatus status, String message, String email) {
        response.setStatus(status.value());
        model.addAttribute("error", message);
        model.addAttribute("email", email);
        return page(model);
    }
}
