package se.samlarande.report;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

import se.samlarande.system.RequestLocale;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitNotFoundException;

/** {@code /app/visits/{reference}/audit}: the visit's audit trail, as a page and as CSV. */
@Controller
class AuditController {

    private final AuditTrail trail;
    private final MessageSource messages;

    AuditController(AuditTrail trail, MessageSource messages) {
        this.trail = trail;
        this.messages = messages;
    }

    /** A line as shown: time in the region's zone, who, what (in words), detail. */
    record Line(String time, String actor, String action, String code, String detail, String source) {
    }

    @GetMapping("/app/visits/{reference}/audit")
    String page(@PathVariable String reference, Model model) {
        Visit visit = trail.visit(reference);
        model.addAttribute("visit", visit);
        model.addAttribute("lines", lines(visit));
        return "staff/audit";
    }

    @GetMapping("/app/visits/{reference}/audit.csv")
    void csv(@PathVariable String reference, HttpServletResponse response) throws IOException {
        Visit visit = trail.visit(reference);
        response.setContentType(Csv.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("samlarande-" + visit.reference() + "-audit.csv").build().toString());
        Csv.write(response.getOutputStream(),
                List.of(text("audit.col.time"), text("audit.col.actor"), text("audit.col.action"), text("audit.col.code"),
                        text("audit.col.detail"), text("audit.col.source")),
                lines(visit).stream().map(l -> List.of(l.time(), l.actor(), l.action(), l.code(), l.detail(), l.source()))
                        .toList());
    }

    @ExceptionHandler(VisitNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(VisitNotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    private List<Line> lines(Visit visit) {
        return trail.of(visit).stream().map(e -> new Line(ReportController.TIME.format(e.at()),
                e.actor() == null ? text("audit.actor.system") : e.guest() ? e.actor() + " (" + text("audit.actor.guest") + ")" : e.actor(),
                messages.getMessage("audit.action." + e.action(), null, e.action(), RequestLocale.SWEDISH),
                e.action(), e.detail() == null ? "" : e.detail(), text("audit.source." + e.source().name()))).toList();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, RequestLocale.SWEDISH);
    }
}
