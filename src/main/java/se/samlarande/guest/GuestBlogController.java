package se.samlarande.guest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.samlarande.blog.Author;
import se.samlarande.blog.BlogInputException;
import se.samlarande.blog.BlogPages;
import se.samlarande.blog.BlogService;
import se.samlarande.blog.ViewerKind;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * {@code /guest/blog}: the visit's blog for a guest, through the session any of their personal links opened (a
 * link for any purpose of that visit lets its guest read and write the blog). Plain HTML forms, no script; guests
 * sign with a name they choose (their own by default) and cannot hide anything or make the blog public.
 */
@Controller
class GuestBlogController {

    private static final String BASE = "/guest/blog";

    private final BlogService blog;
    private final BlogPages pages;
    private final VisitService visits;
    private final MessageSource messages;

    GuestBlogController(BlogService blog, BlogPages pages, VisitService visits, MessageSource messages) {
        this.blog = blog;
        this.pages = pages;
        this.visits = visits;
        this.messages = messages;
    }

    @GetMapping(BASE)
    String show(HttpSession session, HttpServletResponse response, Model model) {
        Optional<GuestSession> guest = Optional.ofNullable(GuestSession.of(session));
        if (guest.isEmpty()) {
            return noSession(response, model);
        }
        blog.recordView(guest.get().visitId(), ViewerKind.GUEST, String.valueOf(guest.get().participantId()));
        return page(guest.get(), model);
    }

    @PostMapping(BASE + "/posts")
    String post(@RequestParam(defaultValue = "") String signature, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String text, @RequestParam(required = false) List<MultipartFile> images,
            HttpSession session, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        GuestSession guest = GuestSession.of(session);
        if (guest == null) {
            return noSession(response, model);
        }
        try {
            long id = blog.post(guest.visitId(), Author.guest(guest.participantId(), signature.strip()), title, text,
                    BlogPages.uploads(images));
            redirect.addFlashAttribute("notice", message(guest, "blog.posted"));
            return "redirect:" + BASE + "#post-" + id;
        } catch (BlogInputException e) {
            pages.failed(model, "post", Map.of("signature", signature, "title", title, "text", text), e, locale(guest));
            return page(guest, model);
        }
    }

    @PostMapping(BASE + "/posts/{postId}/comments")
    String comment(@PathVariable long postId, @RequestParam(defaultValue = "") String signature,
            @RequestParam(defaultValue = "") String text, HttpSession session, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        GuestSession guest = GuestSession.of(session);
        if (guest == null) {
            return noSession(response, model);
        }
        try {
            long id = blog.comment(guest.visitId(), postId, Author.guest(guest.participantId(), signature.strip()), text);
            redirect.addFlashAttribute("notice", message(guest, "blog.commented"));
            return "redirect:" + BASE + "#comment-" + id;
        } catch (BlogInputException e) {
            pages.failed(model, "comment-" + postId, Map.of("signature", signature, "text", text), e, locale(guest));
            return page(guest, model);
        }
    }

    @GetMapping(BASE + "/images/{attachmentId}")
    ResponseEntity<byte[]> image(@PathVariable long attachmentId, HttpSession session) {
        GuestSession guest = GuestSession.of(session);
        if (guest == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return blog.image(guest.visitId(), attachmentId, false).map(BlogPages::image)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Whatever went wrong on our side: a page in the guest's language that says what they sent before is safe. */
    @org.springframework.web.bind.annotation.ExceptionHandler(RuntimeException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String failed(RuntimeException e, HttpSession session, Model model) {
        org.slf4j.LoggerFactory.getLogger(GuestBlogController.class).error("Guest blog page failed", e);
        GuestSession guest = GuestSession.of(session);
        RequestLocale.pageIn(model, (guest == null ? Language.SV : visits.participant(guest.participantId()).language()).locale());
        model.addAttribute("kind", "error");
        return "guest/message";
    }

    private String page(GuestSession guest, Model model) {
        Visit visit = visits.get(guest.visitId());
        Participant participant = visits.participant(guest.participantId());
        RequestLocale.pageIn(model, participant.language().locale());
        pages.timeline(model, visit.id(), BASE, false);
        model.addAttribute("visit", visit);
        model.addAttribute("guest", participant);
        model.addAttribute("writable", blog.isWritable(visit));
        model.addAttribute("signature", participant.name());
        return "blog/guest";
    }

    private String noSession(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        RequestLocale.pageIn(model, Language.SV.locale());
        model.addAttribute("kind", "no-session");
        return "guest/message";
    }

    private java.util.Locale locale(GuestSession guest) {
        return visits.participant(guest.participantId()).language().locale();
    }

    private String message(GuestSession guest, String key) {
        return messages.getMessage(key, null, locale(guest));
    }
}
