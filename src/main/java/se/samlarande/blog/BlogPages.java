package se.samlarande.blog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the staff, guest and public blog pages share: the model a timeline page needs, refused input turned into
 * messages in the page's language, uploads read from the form, and images sent back safely.
 */
@Component
public class BlogPages {

    private final BlogService blog;
    private final BlogLimits limits;
    private final MessageSource messages;

    BlogPages(BlogService blog, BlogLimits limits, MessageSource messages) {
        this.blog = blog;
        this.limits = limits;
        this.messages = messages;
    }

    /** The timeline and everything its fragments read; no form failed. */
    public void timeline(Model model, long visitId, String base, boolean withHidden) {
        model.addAttribute("timeline", blog.timeline(visitId, withHidden));
        model.addAttribute("base", base);
        model.addAttribute("limits", limits);
        if (!model.containsAttribute("failedForm")) {
            model.addAttribute("failedForm", "");
            model.addAttribute("typed", Map.of());
            model.addAttribute("errors", Map.of());
        }
    }

    /** A refused form: which one, what was typed (kept in the page), and the message next to its field. */
    public void failed(Model model, String form, Map<String, String> typed, BlogInputException e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(e.field(), messages.getMessage(e.messageKey(), e.arguments(), locale));
        model.addAttribute("failedForm", form);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        var attributes = org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes();
        if (attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                && servlet.getResponse() != null) {
            servlet.getResponse().setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
    }

    /** The files of a multipart form; the empty part a browser sends when no file was chosen is not an upload. */
    public static List<Upload> uploads(List<MultipartFile> files) {
        List<Upload> uploads = new ArrayList<>();
        if (files == null) {
            return uploads;
        }
        for (MultipartFile file : files) {
            if (file == null || file.isEmpty()) {
                continue;
            }
            try {
                uploads.add(new Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    /** An image as stored: its recognised type, never sniffed, shown inline under a safe file name. */
    public static ResponseEntity<byte[]> image(BlogImage image) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(image.fileName()).build().toString())
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(image.content());
    }
}
