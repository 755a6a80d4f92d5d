package se.samlarande.form;

import java.util.List;
import java.util.Map;

/**
 * One input of a Camunda Form. {@code options} are the allowed values of radio, select and checklist fields;
 * {@code children} the fields of each entry of a dynamic list; {@code properties} the component's custom
 * properties (e.g. the version of a confidentiality text).
 */
public record FormField(String id, String key, String type, String label, String description, boolean required,
        Integer minLength, Integer maxLength, String pattern, boolean email, Double min, Double max,
        List<Option> options, List<FormField> children, Map<String, String> properties) {

    public record Option(String value, String label) {
    }

    public boolean isChoice() {
        return !options.isEmpty();
    }

    public boolean isList() {
        return "dynamiclist".equals(type);
    }
}
