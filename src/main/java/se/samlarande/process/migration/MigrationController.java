package se.samlarande.process.migration;

import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /app/migrations}: which versions of the visit process are deployed and how many visits run on each (as
 * Cockpit numbers them), the visits that stay on an older version with the reason, and the latest moves. Process
 * owners and admins read it; an admin can try a refused visit again.
 */
@Controller
@RequestMapping("/app/migrations")
class MigrationController {

    private static final Logger log = LoggerFactory.getLogger(MigrationController.class);

    private final MigrationOverview overview;
    private final VisitMigration migration;

    MigrationController(MigrationOverview overview, VisitMigration migration) {
        this.overview = overview;
        this.migration = migration;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("overview", overview.overview());
        return "migrations/list";
    }

    @PostMapping("/retry")
    String retry(@RequestParam String processInstanceId, Principal user, RedirectAttributes redirect) {
        VisitMigration.Attempt attempt = migration.retry(processInstanceId);
        log.info("Process migration of instance {} tried again by {}: {}", processInstanceId, user.getName(), attempt);
        redirect.addFlashAttribute("retried", attempt.name());
        return "redirect:/app/migrations";
    }
}
