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

    public static Language parse(String value) {
        return Enum.valueOf(Language.class, value.trim().toUpperCase(Locale.ROOT));
    }
}
