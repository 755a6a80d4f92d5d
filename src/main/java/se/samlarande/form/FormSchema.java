package se.samlarande.form;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** A Camunda Form's id and its input fields, in order. */
public record FormSchema(String id, List<FormField> fields) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** No dynamic list may grow past this, whatever the browser sends. */
    static final int MAX_LIST_ENTRIES = 20;
    /** Fields whose value form-js sends as a string. */
    private static final Set<String> TEXT_TYPES = Set.of("textfield", "textarea", "datetime", "radio", "select");

    /** The same form with only the named fields (e.g. what staff record on a guest's behalf). */
    public FormSchema only(Collection<String> keys) {
        return new FormSchema(id, fields.stream().filter(f -> keys.contains(f.key())).toList());
    }

    public FormField field(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("Form " + id + " has no field " + key));
    }

    public Optional<FormField> find(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Checks submitted values against the form: required fields, lengths, patterns, email, number bounds, allowed
     * options, list sizes. Keys the form does not declare are refused. Values are what a browser sends as JSON:
     * strings, numbers, booleans, and lists of objects for dynamic lists.
     */
    public List<FieldError> validate(Map<String, ?> values) {
        List<FieldError> errors = new ArrayList<>();
        check(fields, values, "", errors);
        return errors;
    }

    private static void check(List<FormField> fields, Map<String, ?> values, String prefix, List<FieldError> errors) {
        Set<String> known = fields.stream().map(FormField::key).collect(Collectors.toSet());
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError(prefix + key, "unknown"));
            }
        }
        for (FormField field : fields) {
            Object value = values.get(field.key());
            String key = prefix + field.key();
            if (field.isList()) {
                checkList(field, value, key, errors);
            } else {
                FieldError error = checkValue(field, key, value);
                if (error != null) {
                    errors.add(error);
                }
            }
        }
    }

    private static void checkList(FormField field, Object value, String key, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> entries)) {
            errors.add(new FieldError(key, "invalid"));
            return;
        }
        if (entries.size() > MAX_LIST_ENTRIES) {
            errors.add(new FieldError(key, "tooMany", MAX_LIST_ENTRIES));
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> entry) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) entry;
                check(field.children(), typed, key + "[" + i + "].", errors);
            } else {
                errors.add(new FieldError(key + "[" + i + "]", "invalid"));
            }
        }
    }

    private static FieldError checkValue(FormField field, String key, Object raw) {
        if ("checkbox".equals(field.type())) {
            if (raw != null && !(raw instanceof Boolean)) {
                return new FieldError(key, "invalid");
            }
            return field.required() && !Boolean.TRUE.equals(raw) ? new FieldError(key, "mustAccept") : null;
        }
        if (raw instanceof Map || raw instanceof List) {
            return new FieldError(key, "invalid");
        }
        // Text, dates and choices arrive from form-js as strings, and are read as strings once accepted: a number or
        // a boolean there is not what the form sends (it would otherwise pass as its text and fail when stored).
        if (raw != null && !(raw instanceof String) && TEXT_TYPES.contains(field.type())) {
            return new FieldError(key, "invalid");
        }
        String value = raw == null ? "" : String.valueOf(raw).strip();
        if (value.isEmpty()) {
            return field.required() ? new FieldError(key, "required") : null;
        }
        if (field.maxLength() != null && value.length() > field.maxLength()) {
            return new FieldError(key, "maxLength", field.maxLength(), value.length());
        }
        if (field.minLength() != null && value.length() < field.minLength()) {
            return new FieldError(key, "minLength", field.minLength());
        }
        if (field.email() && !EMAIL.matcher(value).matches()) {
            return new FieldError(key, "email");
        }
        if (field.pattern() != null && !matches(field.pattern(), value)) {
            return new FieldError(key, "pattern");
        }
        if (field.isChoice() && field.options().stream().noneMatch(o -> o.value().equals(value))) {
            return new FieldError(key, "option");
        }
        if ("number".equals(field.type())) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return new FieldError(key, "number");
            }
            if (!Double.isFinite(number)) { // "NaN" and "1e999" parse, but are no number a form sends
                return new FieldError(key, "number");
            }
            if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
                return new FieldError(key, "range", field.min(), field.max());
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
