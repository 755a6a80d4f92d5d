package se.samlarande.partner;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an organisation's name is compared: "NHS  Lothian ", "nhs lothian" and "NHS Lothian" are one organisation.
 * The key is the name in Unicode normal form (NFC), trimmed, every run of white space (non-breaking spaces included)
 * one space, in lower case; it is stored beside the name and unique.
 */
public final class PartnerNames {

    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+", Pattern.UNICODE_CHARACTER_CLASS);

    private PartnerNames() {
    }

    /** The name as shown: as typed, with its white space tidied. */
    public static String display(String name) {
        String normal = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        return WHITE_SPACE.matcher(normal).replaceAll(" ").strip();
    }

    /** The name as compared. */
    public static String key(String name) {
        return display(name).toLowerCase(Locale.ROOT);
    }

    /** An email address as stored and compared: trimmed, lower case. */
    static String email(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
