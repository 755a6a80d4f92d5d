package se.samlarande.blog;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Language;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitNotFoundException;
import se.samlarande.visit.VisitService;

/**
 * {@code /blog/{reference}}: a blog its host made public, read-only for the region's wider network, in Swedish or
 * English ({@code ?lang=en}). Authors appear by the names they signed with; no addresses, no forms. A visit that does
 * not exist and one whose blog is private get the same 404.
 */
@Controller
class PublicBlogController {

    private final BlogService blog;
    private final BlogPages pages;
    private final VisitService visits;

    PublicBlogController(BlogService blog, BlogPages pages, VisitService visits) {
        this.blog = blog;
        this.pages = pages;
        this.visits = visits;
    }

    @GetMapping("/blog/{reference}")
    String show(@PathVariable String reference, @RequestParam(defaultValue = "sv") String lang,
            HttpServletResponse response, Model model) {
        Language language = Language.fromParameter(lang);
        RequestLocale.pageIn(model, language.locale());
        Optional<Visit> found = publicVisit(reference);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "blog/not-found";
        }
        Visit visit = found.get();
        blog.recordView(visit.id(), ViewerKind.PUBLIC, null);
        pages.timeline(model, visit.id(), "/blog/" + visit.reference(), false);
        model.addAttribute("visit", visit);
        model.addAttribute("other", language == Language.SV ? "en" : "sv");
        return "blog/public";
    }

    @GetMapping("/blog/{reference}/images/{attachmentId}")
    ResponseEntity<byte[]> image(@PathVariable String reference, @PathVariable long attachmentId) {
        return publicVisit(reference).flatMap(visit -> blog.image(visit.id(), attachmentId, false))
                .map(BlogPages::image).orElseGet(() -> ResponseEntity.notFound().build());
    }

    private Optional<Visit> publicVisit(String reference) {
        try {
            Visit visit = visits.getByReference(reference);
            return blog.isPublic(visit.id()) ? Optional.of(visit) : Optional.empty();
        } catch (VisitNotFoundException e) {
            return Optional.empty();
        }
    }
}
