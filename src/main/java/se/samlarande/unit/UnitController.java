package se.samlarande.unit;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /app/units}: the register of units, read by every staff group, kept by admins (the security configuration
 * allows changes to {@code camunda-admin} only): the tree a level at a time, search, edit, deactivate, delete, the
 * free-text host units no unit matches (mapped to a unit here), and the CSV import (upload, preview, confirm). The
 * uploaded file waits in the server-side session under a random id between preview and confirm.
 */
@Controller
@RequestMapping("/app/units")
class UnitController {

    static final int PAGE = 50;
    static final int PICKER = 20;
    private static final String PENDING = UnitController.class.getName() + ".pending";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnitRegister register;
    private final UnitImport importer;
    private final UnitLinking linking;

    UnitController(UnitRegister register, UnitImport importer, UnitLinking linking) {
        this.register = register;
        this.importer = importer;
        this.linking = linking;
    }

    record Row(Unit unit, int children, int openVisits) {
    }

    record PendingImport(String id, byte[] file) {
    }

    @GetMapping
    String list(@RequestParam(required = false) Long parent, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, Model model) {
        int offset = Math.max(0, page) * PAGE;
        List<Unit> units;
        int total;
        if (q != null && !q.isBlank()) {
            units = register.search(q, offset, PAGE + 1);
            total = -1;
        } else {
            units = register.children(parent, offset, PAGE + 1);
            total = register.countChildren(parent);
        }
        boolean more = units.size() > PAGE;
        List<Row> rows = new ArrayList<>();
        for (Unit unit : units.subList(0, Math.min(PAGE, units.size()))) {
            rows.add(new Row(unit, register.countChildren(unit.id()), register.openVisitCount(unit.id())));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("more", more);
        model.addAttribute("total", total);
        model.addAttribute("parent", parent == null ? null : register.findById(parent).orElse(null));
        model.addAttribute("parentPath", parent == null ? null : register.path(parent));
        model.addAttribute("inactive", register.inactiveWithOpenVisits(PAGE));
        model.addAttribute("unmatched", register.unmatchedNames(PAGE));
        return "staff/units";
    }

    /** For a picker: at most 20 units matching the text, each with its path from the root. */
    @GetMapping(path = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Map<String, String>> search(@RequestParam(defaultValue = "") String q) {
        String text = q.length() > 200 ? q.substring(0, 200) : q;
        return register.search(text, 0, PICKER).stream()
                .map(u -> Map.of("code", u.code(), "name", u.name(), "path", register.path(u.id()))).toList();
    }

    @PostMapping
    String create(@RequestParam String code, @RequestParam String name,
            @RequestParam(defaultValue = "") String parentCode, @RequestParam(defaultValue = "") String mailbox,
            Authentication user, RedirectAttributes redirect) {
        try {
            register.create(code, name, parentCode, mailbox, user.getName());
            int linked = linking.linkAll();
            redirect.addFlashAttribute("notice", "Enheten " + code.strip() + " är skapad."
                    + (linked > 0 ? " " + linked + " besök med samma värdenhet är kopplade till den." : ""));
        } catch (UnitRegister.InvalidUnit e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("typed", Map.of("code", code, "name", name, "parentCode", parentCode,
                    "mailbox", mailbox));
        }
        return "redirect:/app/units";
    }

    @PostMapping("/{id}")
    String edit(@PathVariable long id, @RequestParam String name, @RequestParam(defaultValue = "") String parentCode,
            @RequestParam(defaultValue = "") String mailbox, @RequestParam(defaultValue = "false") boolean active,
            Authentication user, RedirectAttributes redirect) {
        try {
            register.edit(id, name, parentCode, mailbox, active, user.getName());
            redirect.addFlashAttribute("notice", "Enheten är ändrad.");
        } catch (UnitRegister.InvalidUnit e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/app/units/" + id;
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Unit unit = register.findById(id).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("unit", unit);
        model.addAttribute("path", register.path(id));
        model.addAttribute("parentCode", unit.parentId() == null ? ""
                : register.findById(unit.parentId()).map(Unit::code).orElse(""));
        model.addAttribute("visits", register.visitCount(id));
        model.addAttribute("openVisits", register.openVisitCount(id));
        model.addAttribute("children", register.countChildren(id));
        return "staff/unit";
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        try {
            register.deactivate(id, user.getName());
            redirect.addFlashAttribute("notice", "Enheten är inaktiv.");
        } catch (UnitRegister.InvalidUnit e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/app/units/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        try {
            register.delete(id, user.getName());
            redirect.addFlashAttribute("notice", "Enheten är borttagen.");
            return "redirect:/app/units";
        } catch (UnitRegister.InvalidUnit e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/app/units/" + id;
        }
    }

    @PostMapping("/map")
    String map(@RequestParam String hostUnit, @RequestParam String code, Authentication user,
            RedirectAttributes redirect) {
        try {
            int linked = register.mapName(hostUnit, code, user.getName());
            redirect.addFlashAttribute("notice", linked + " besök är kopplade till " + code.strip() + ".");
        } catch (UnitRegister.InvalidUnit e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/app/units";
    }

    @PostMapping("/import")
    String preview(@RequestParam("file") MultipartFile file, HttpSession session, Model model) throws IOException {
        byte[] bytes = file.getSize() > UnitImport.MAX_BYTES ? new byte[UnitImport.MAX_BYTES + 1] : file.getBytes();
        UnitImport.Preview preview = importer.preview(bytes);
        if (preview.ok()) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            PendingImport pending = new PendingImport(HexFormat.of().formatHex(id), bytes);
            session.setAttribute(PENDING, pending);
            model.addAttribute("pendingId", pending.id());
        } else {
            session.removeAttribute(PENDING);
        }
        model.addAttribute("preview", preview);
        model.addAttribute("fileName", file.getOriginalFilename());
        return "staff/unit-import";
    }

    @PostMapping("/import/confirm")
    String confirm(@RequestParam String pendingId, HttpSession session, Authentication user, Model model,
            RedirectAttributes redirect) {
        Object stored = session.getAttribute(PENDING);
        if (!(stored instanceof PendingImport pending) || !pending.id().equals(pendingId)) {
            redirect.addFlashAttribute("error", "Importen finns inte längre. Ladda upp filen igen.");
            return "redirect:/app/units";
        }
        session.removeAttribute(PENDING);
        UnitImport.Preview result = importer.apply(pending.file(), user.getName());
        if (!result.ok()) {
            model.addAttribute("preview", result);
            return "staff/unit-import";
        }
        int linked = linking.linkAll();
        redirect.addFlashAttribute("notice", "Importen är klar: " + result.created().size() + " nya, "
                + result.changed().size() + " ändrade, " + result.moved().size() + " flyttade, " + result.unchanged()
                + " oförändrade." + (linked > 0 ? " " + linked + " besök är kopplade till sina enheter." : ""));
        return "redirect:/app/units";
    }
}
