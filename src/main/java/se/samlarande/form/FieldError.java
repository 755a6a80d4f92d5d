package se.samlarande.form;

/**
 * A rule a submitted value breaks: the field's key (for list entries {@code list[2].email}), the message code
 * ({@code form.error.<code>} in the message bundle) and the code's arguments after the field's label.
 */
public record FieldError(String key, String code, Object... args) {
}
