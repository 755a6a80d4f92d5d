package se.samlarande.blog;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.samlarande.notification.StaffDirectory;
import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitNotFoundException;
import se.samlarande.visit.VisitService;

/**
 * {@code /app/visits/{reference}/blog}: the blog as staff see it, hidden posts marked. Every staff group reads, posts
 * and comments; hosts, coordinators and admins hide and make the blog public (the security chain says the same).
 */
@Controller
@RequestMapping("/app/visits/{reference}/blog")
class StaffBlogController {

    /** Who moderates: hosts, coordinators and admins. */
    static final Set<String> MODERATORS = Set.of("hosts", "coordinators", "camunda-admin");

    private final BlogService blog;
    private final BlogPages pages;
    private final VisitService visits;
    private final StaffDirectory staff;
    private final MessageSource messages;

    StaffBlogController(BlogService blog, BlogPages pages, VisitService visits, StaffDirectory staff,
            MessageSource messages) {
        this.blog = blog;
        this.pages = pages;
        this.visits = visits;
        this.staff = staff;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable String reference, Authentication user, Model model) {
        Visit visit = visits.getByReference(reference);
        blog.recordView(visit.id(), ViewerKind.STAFF, user.getName());
        return page(visit, user, model);
    }

    @PostMapping("/posts")
    String post(@PathVariable String reference, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String text, @RequestParam(required = false) List<MultipartFile> images,
            Authentication user, Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        try {
            long id = blog.post(visit.id(), author(user), title, text, BlogPages.uploads(images));
            redirect.addFlashAttribute("notice", message("blog.posted"));
            return "redirect:/app/visits/" + reference + "/blog#post-" + id;
        } catch (BlogInputException e) {
            return refused(visit, user, model, "post", Map.of("title", title, "text", text), e);
        }
    }

    @PostMapping("/posts/{postId}/comments")
    String comment(@PathVariable String reference, @PathVariable long postId, @RequestParam(defaultValue = "") String text,
            Authentication user, Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        try {
            long id = blog.comment(visit.id(), postId, author(user), text);
            redirect.addFlashAttribute("notice", message("blog.commented"));
            return "redirect:/app/visits/" + reference + "/blog#comment-" + id;
        } catch (BlogInputException e) {
            return refused(visit, user, model, "comment-" + postId, Map.of("text", text), e);
        }
    }

    @PostMapping("/posts/{postId}/hide")
    String hidePost(@PathVariable String reference, @PathVariable long postId, @RequestParam(defaultValue = "") String reason,
            Authentication user, Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        try {
            blog.hidePost(visit.id(), postId, user.getName(), reason);
            redirect.addFlashAttribute("notice", message("blog.hidden.done"));
            return "redirect:/app/visits/" + reference + "/blog#post-" + postId;
        } catch (BlogInputException e) {
            return refused(visit, user, model, "hide-post-" + postId, Map.of("reason", reason), e);
        }
    }

    @PostMapping("/comments/{commentId}/hide")
    String hideComment(@PathVariable String reference, @PathVariable long commentId,
            @RequestParam(defaultValue = "") String reason, Authentication user, Model model, RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        try {
            blog.hideComment(visit.id(), commentId, user.getName(), reason);
            redirect.addFlashAttribute("notice", message("blog.hidden.done"));
            return "redirect:/app/visits/" + reference + "/blog#comment-" + commentId;
        } catch (BlogInputException e) {
            return refused(visit, user, model, "hide-comment-" + commentId, Map.of("reason", reason), e);
        }
    }

    @PostMapping("/public")
    String makePublic(@PathVariable String reference, @RequestParam("public") boolean makePublic, Authentication user,
            RedirectAttributes redirect) {
        Visit visit = visits.getByReference(reference);
        blog.setPublic(visit.id(), makePublic, user.getName());
        redirect.addFlashAttribute("notice", message(makePublic ? "blog.public.made-public" : "blog.public.made-private"));
        return "redirect:/app/visits/" + reference + "/blog";
    }

    @GetMapping("/images/{attachmentId}")
    ResponseEntity<byte[]> image(@PathVariable String reference, @PathVariable long attachmentId) {
        Visit visit = visits.getByReference(reference);
        return blog.image(visit.id(), attachmentId, true).map(BlogPages::image)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(VisitNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(VisitNotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    private String refused(Visit visit, Authentication user, Model model, String form, Map<String, String> typed,
            BlogInputException e) {
        pages.failed(model, form, typed, e, RequestLocale.SWEDISH);
        return page(visit, user, model);
    }

    private String page(Visit visit, Authentication user, Model model) {
        pages.timeline(model, visit.id(), "/app/visits/" + visit.reference() + "/blog", true);
        model.addAttribute("visit", visit);
        model.addAttribute("writable", blog.isWritable(visit));
        model.addAttribute("moderator", isModerator(user));
        model.addAttribute("counts", blog.counts(visit.id()));
        model.addAttribute("signature", "");
        return "blog/staff";
    }

    private Author author(Authentication user) {
        String name = staff.find(user.getName()).map(StaffDirectory.StaffMember::name).orElse(user.getName());
        return Author.staff(user.getName(), name);
    }

    private static boolean isModerator(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(MODERATORS::contains);
    }

    private String message(String key) {
        return messages.getMessage(key, null, RequestLocale.SWEDISH);
    }
}
