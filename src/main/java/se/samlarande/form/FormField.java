package se.samlarande.form;

import java.util.List;

/**
 * One input of a Camunda Form. {@code options} are the allowed values of radio, select and checklist fields.
 * {@code hideIf} is the field's FEEL "hide" condition, kept for display; a hidden field is still validated
 * by whoever owns its meaning.
 */
public record FormField(String key, String type, String label, String description, boolean required,
        Integer minLength, Integer maxLength, String pattern, boolean email, Double min, Double max,
        List<Option> options) {

    public record Option(String value, String label) {
    }

    public boolean isChoice() {
        return !options.isEmpty();
    }
}
