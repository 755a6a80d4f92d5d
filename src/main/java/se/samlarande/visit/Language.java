package se.samlarande.visit;

import java.util.Locale;

/** The languages the app writes to guests in. */
public enum Language {
    SV, EN;

    public Locale locale() {
        return this == SV ? Locale.forLanguageTag("sv") : Locale.ENGLISH;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language a page's {@code ?lang=} asks for: English for {@code en}, else Swedish. */
    public static Language fromParameter(String lang) {
        return "en".equalsIgnoreCase(lang) ? EN : SV;
    }

    public static Language parse(String value) {
        return Enum.valueOf(Language.class, value.trim().toUpperCase(Locale.ROOT));
    }
}
