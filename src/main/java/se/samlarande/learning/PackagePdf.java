package se.samlarande.learning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;

/**
 * A learning package as a PDF: the Thymeleaf template {@code packages/pdf} (the same content as the public page) laid
 * out by OpenHTMLtoPDF on Apache PDFBox, as a tagged PDF (PDF/UA: headings, lists and language marked, so a screen
 * reader can read it) with its font embedded. The font is Liberation Sans, which PDFBox itself ships
 * ({@value #FONT}): Swedish å, ä and ö, and every other letter of the Latin alphabets, without a font file of our own.
 * Nothing outside the document is ever loaded.
 */
@Component
class PackagePdf {

    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    static final String FONT_FAMILY = "Liberation Sans";

    static {
        XRLog.setLoggerImpl(new Slf4jLogger()); // its own console logger otherwise
    }

    private final ITemplateEngine templates;
    private final String publicBaseUrl;
    private final ZoneId zone;

    PackagePdf(ITemplateEngine templates, @Value("${samlarande.public-base-url}") String publicBaseUrl,
            @Value("${samlarande.zone}") ZoneId zone) {
        this.templates = templates;
        this.publicBaseUrl = publicBaseUrl;
        this.zone = zone;
    }

    byte[] render(LearningPackage pkg) {
        Context context = new Context(pkg.language().locale(), Map.of("pkg", pkg, "zone", zone,
                "address", publicBaseUrl + "/packages/" + pkg.slug()));
        String html = templates.process("packages/pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            // one face for every weight: headings are set apart by size
            for (int weight : new int[] { 400, 700 }) {
                builder.useFont(PackagePdf::font, FONT_FAMILY, weight, FontStyle.NORMAL, true);
                builder.useFont(PackagePdf::font, FONT_FAMILY, weight, FontStyle.ITALIC, true);
            }
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withProducer("Samlärande");
            builder.withHtmlContent(html, publicBaseUrl + "/packages/");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font() {
        InputStream font = PackagePdf.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox's font " + FONT + " is not on the classpath");
        }
        return font;
    }
}
