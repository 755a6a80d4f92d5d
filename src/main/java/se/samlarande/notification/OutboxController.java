package se.samlarande.notification;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** {@code /app/outbox}: every email the app has composed, sent or (without an SMTP server) only recorded. */
@Controller
@RequestMapping("/app/outbox")
class OutboxController {

    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    String list(@RequestParam(required = false) Long visit, Model model) {
        model.addAttribute("emails", outbox.recent(visit, 500));
        model.addAttribute("visitFilter", visit);
        return "outbox/list";
    }

    /** A guest's personal link in an email's text. */
    private static final java.util.regex.Pattern GUEST_LINK = java.util.regex.Pattern.compile("https?://\\S+/g/[A-Za-z0-9_-]{43}");

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Email email = outbox.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such email"));
        model.addAttribute("email", email);
        // Without an SMTP server this is how staff (and a newcomer trying the app) reach the guest's pages.
        model.addAttribute("links", GUEST_LINK.matcher(email.bodyText()).results().map(m -> m.group()).toList());
        return "outbox/email";
    }
}
