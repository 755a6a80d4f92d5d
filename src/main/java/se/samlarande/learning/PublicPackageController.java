package se.samlarande.learning;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import se.samlarande.system.RequestLocale;

/**
 * A published learning package for anyone, read only: {@code /packages/<slug>} in the package's own language, and
 * {@code /packages/<slug>.pdf}, the document to offer other organisations. A draft, and an address with no package,
 * get the same 404.
 */
@Controller
class PublicPackageController {

    private final PackageService packages;
    private final PackagePdf pdf;

    PublicPackageController(PackageService packages, PackagePdf pdf) {
        this.packages = packages;
        this.pdf = pdf;
    }

    @GetMapping("/packages/{slug}")
    String show(@PathVariable String slug, HttpServletResponse response, Model model) {
        Optional<LearningPackage> found = packages.published(slug);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "packages/not-found";
        }
        RequestLocale.pageIn(model, found.get().language().locale());
        model.addAttribute("pkg", found.get());
        return "packages/public";
    }

    @GetMapping("/packages/{slug}.pdf")
    ResponseEntity<byte[]> document(@PathVariable String slug) {
        return packages.published(slug).map(pkg -> pdfResponse(pkg, pdf))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    static ResponseEntity<byte[]> pdfResponse(LearningPackage pkg, PackagePdf pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(pkg.slug() + ".pdf").build().toString())
                .cacheControl(CacheControl.noCache())
                .body(pdf.render(pkg));
    }
}
