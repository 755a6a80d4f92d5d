package se.samlarande.library;

import java.util.Locale;

/** One of the library's managed themes, named in Swedish and (when given) in English. */
public record Theme(long id, String name, String nameEn) {

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
    }
}
