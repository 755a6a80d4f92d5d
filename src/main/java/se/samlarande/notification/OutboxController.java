package se.samlarande.notification;

import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** {@code /app/outbox}: every email the app has composed, sent or (without an SMTP server) only recorded. */
@Controller
@RequestMapping("/app/outbox")
class OutboxController {

    private static final Logger log = LoggerFactory.getLogger(OutboxController.class);

    /** A guest's personal link in the text of an email stored before links were left out of stored emails. */
    private static final Pattern GUEST_LINK = Pattern.compile("https?://\\S+/g/[A-Za-z0-9_-]{43}");

    private final Outbox outbox;
    private final GuestLinkIssuer links;
    private final boolean showGuestLinks;

    /**
     * @param showGuestLinks whether staff may open a guest's page from here (with a link issued on request): on the
     *                       embedded default with its demo users, to try the guest side; the app does not start with
     *                       it on the production profile, where it would let any member of staff act as the guest
     */
    OutboxController(Outbox outbox, GuestLinkIssuer links,
            @Value("${samlarande.outbox.show-guest-links:${samlarande.demo-users:false}}") boolean showGuestLinks) {
        this.outbox = outbox;
        this.links = links;
        this.showGuestLinks = showGuestLinks;
    }

    @GetMapping
    String list(@RequestParam(required = false) Long visit, Model model) {
        model.addAttribute("emails", outbox.recent(visit, 500));
        model.addAttribute("visitFilter", visit);
        return "outbox/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Email email = email(id);
        model.addAttribute("email", email);
        model.addAttribute("slots", showGuestLinks && email.visitId() != null
                ? List.copyOf(GuestLinkSlot.in(email.bodyText())) : List.of());
        model.addAttribute("bodyText", forStaff(email.bodyText()));
        return "outbox/email";
    }

    /**
     * Only with {@code samlarande.outbox.show-guest-links}: issues a fresh link for a guest-link slot of this email
     * and opens it, so whoever tries the app on the embedded default sees exactly what the guest sees.
     */
    @PostMapping("/{id}/guest-link")
    String openGuestPage(@PathVariable long id, @RequestParam GuestLinkIssuer.Purpose purpose,
            @RequestParam long participant, Principal staff) {
        if (!showGuestLinks) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Guest links are not shown on this installation");
        }
        Email email = email(id);
        GuestLinkSlot slot = new GuestLinkSlot(purpose, participant);
        if (email.visitId() == null || !GuestLinkSlot.in(email.bodyText()).contains(slot)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Email " + id + " has no " + purpose + " link for participant " + participant);
        }
        log.info("{} opened the {} page of participant {} of visit {} from the outbox", staff.getName(), purpose,
                participant, email.visitId());
        return "redirect:" + links.issue(email.visitId(), participant, purpose);
    }

    private Email email(long id) {
        return outbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such email"));
    }

    /** The email's text as staff read it: a note where a guest's personal link goes. */
    static String forStaff(String text) {
        String noted = GuestLinkSlot.forStaff(text);
        return noted == null ? "" : GUEST_LINK.matcher(noted).replaceAll(GuestLinkSlot.NOTE);
    }
}
