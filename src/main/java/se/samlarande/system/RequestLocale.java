package se.samlarande.system;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page is written in. Staff pages are Swedish. A guest page is in the guest's own language, which
 * the guest controller sets for the request with {@link #use(Locale)}, whatever the browser's settings say.
 */
@Component("localeResolver")
public class RequestLocale implements LocaleResolver {

    private static final String ATTRIBUTE = RequestLocale.class.getName();
    public static final Locale SWEDISH = Locale.forLanguageTag("sv");

    /** Renders the current request's page in this language. */
    public static void use(Locale locale) {
        RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, locale, RequestAttributes.SCOPE_REQUEST);
    }

    /**
     * Writes the current request's page in this language: its messages, its {@code lang} attribute, and
     * {@code english} for the templates that link to the page in the other language.
     */
    public static void pageIn(Model model, Locale locale) {
        use(locale);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("english", Locale.ENGLISH.getLanguage().equals(locale.getLanguage()));
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Locale locale ? locale : SWEDISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.setAttribute(ATTRIBUTE, locale);
    }
}
