package se.samlarande.form;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A Camunda Form's id, its intro texts and its input fields, in order. */
public record FormSchema(String id, List<String> texts, List<FormField> fields) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /**
     * Checks submitted values against the form: required fields, lengths, patterns, email, number bounds and
     * allowed options. Keys the form does not declare are refused.
     *
     * @return error messages by field key (Swedish, for the person who typed); empty when all is well
     */
    public Map<String, String> validate(Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (fields.stream().noneMatch(f -> f.key().equals(key))) {
                errors.put(key, "Okänt fält.");
            }
        }
        for (FormField field : fields) {
            String value = values.get(field.key());
            String error = check(field, value == null ? "" : value.strip());
            if (error != null) {
                errors.put(field.key(), error);
            }
        }
        return errors;
    }

    public FormField field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Form " + id + " has no field " + key));
    }

    private static String check(FormField field, String value) {
        if (value.isEmpty()) {
            return field.required() ? field.label() + " måste fyllas i." : null;
        }
        if (field.maxLength() != null && value.length() > field.maxLength()) {
            return field.label() + " får vara högst " + field.maxLength() + " tecken (nu " + value.length() + ").";
        }
        if (field.minLength() != null && value.length() < field.minLength()) {
            return field.label() + " måste vara minst " + field.minLength() + " tecken.";
        }
        if (field.email() && !EMAIL.matcher(value).matches()) {
            return field.label() + " är ingen giltig e-postadress.";
        }
        if (field.pattern() != null && !matches(field.pattern(), value)) {
            return field.label() + " har fel format.";
        }
        if (field.isChoice() && field.options().stream().noneMatch(o -> o.value().equals(value))) {
            return field.label() + ": välj ett av alternativen.";
        }
        if ("number".equals(field.type())) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return field.label() + " måste vara ett tal.";
            }
            if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
                return field.label() + " måste vara mellan " + field.min() + " och " + field.max() + ".";
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }
}
