package se.samlarande.notification;

import org.springframework.beans.factory.annotation.Value;
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
    private final boolean showGuestLinks;

    /**
     * @param showGuestLinks whether staff may open a guest's personal link from here: on the embedded default (with
     *                       its demo users, to try the guest side), never in production, where a link would let any
     *                       member of staff act as the guest
     */
    OutboxController(Outbox outbox, @Value("${samlarande.outbox.show-guest-links:${samlarande.demo-users:false}}") boolean showGuestLinks) {
        this.outbox = outbox;
        this.showGuestLinks = showGuestLinks;
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
        if (showGuestLinks) {
            // On the embedded default this is how a newcomer trying the app reaches the guest's pages.
            model.addAttribute("links", GUEST_LINK.matcher(email.bodyText()).results().map(m -> m.group()).toList());
            model.addAttribute("bodyText", email.bodyText());
        } else {
            model.addAttribute("links", java.util.List.of());
            model.addAttribute("bodyText", withoutGuestLinks(email.bodyText()));
        }
        return "outbox/email";
    }

    /** The email's text with every personal link replaced by a note that it is hidden. */
    static String withoutGuestLinks(String text) {
        return GUEST_LINK.matcher(text).replaceAll("[personlig länk, dold]");
    }
}
