package se.samlarande.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loads the Camunda Forms packaged from {@code forms/} (once each), reads their fields, and gives them in the
 * reader's language. The {@code .form} files are written in Swedish; for another language a component's
 * {@code label}, {@code description}, {@code text} and option labels come from the message bundle under
 * {@code form.<form id>.<component id>.label|description|text|option.<value>} where such a message exists.
 */
@Component
public class FormSchemas {

    private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "datetime", "checkbox",
            "checklist", "radio", "select", "taglist", "dynamiclist");
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final ObjectMapper json;
    private final MessageSource messages;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, FormSchema> schemas = new ConcurrentHashMap<>();

    public FormSchemas(ObjectMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    /** The form's fields with their rules, labels in Swedish (as written in the file). */
    public FormSchema get(String formId) {
        return schemas.computeIfAbsent(formId, id -> read(document(id), id));
    }

    /** The form as form-js renders it, in the reader's language. */
    public JsonNode json(String formId, Locale locale) {
        JsonNode copy = document(formId).deepCopy();
        if (!SWEDISH.getLanguage().equals(locale.getLanguage())) {
            translate(formId, copy.path("components"), locale);
        }
        return copy;
    }

    /** Error messages by field key, in the reader's language, each naming the field by its label. */
    public Map<String, String> messages(String formId, List<FieldError> errors, Locale locale) {
        FormSchema schema = get(formId);
        Map<String, String> byKey = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String label = label(formId, schema, error.key(), locale);
            Object[] args = new Object[error.args().length + 1];
            args[0] = label;
            System.arraycopy(error.args(), 0, args, 1, error.args().length);
            byKey.putIfAbsent(error.key(), messages.getMessage("form.error." + error.code(), args, locale));
        }
        return byKey;
    }

    private String label(String formId, FormSchema schema, String key, Locale locale) {
        String[] path = key.replaceAll("\\[\\d+]", "").split("\\.");
        List<FormField> level = schema.fields();
        FormField found = null;
        for (String part : path) {
            found = level.stream().filter(f -> f.key().equals(part)).findFirst().orElse(null);
            if (found == null) {
                return key;
            }
            level = found.children();
        }
        if (found == null) {
            return key; // a key without a field name, such as "." from a submission's own keys
        }
        return SWEDISH.getLanguage().equals(locale.getLanguage()) ? found.label()
                : messages.getMessage("form." + formId + "." + found.id() + ".label", null, found.label(), locale);
    }

    private void translate(String formId, JsonNode components, Locale locale) {
        for (JsonNode component : components) {
            if (!(component instanceof ObjectNode node) || !node.hasNonNull("id")) {
                continue;
            }
            String prefix = "form." + formId + "." + node.path("id").asText() + ".";
            for (String property : List.of("label", "description", "text", "dateLabel")) {
                String text = messages.getMessage(prefix + property, null, null, locale);
                if (text != null && node.has(property)) {
                    node.put(property, text);
                }
            }
            for (JsonNode option : node.path("values")) {
                String text = messages.getMessage(prefix + "option." + option.path("value").asText(), null, null, locale);
                if (text != null) {
                    ((ObjectNode) option).put("label", text);
                }
            }
            translate(formId, node.path("components"), locale);
        }
    }

    private JsonNode document(String formId) {
        if (!formId.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Not a form id: " + formId);
        }
        return documents.computeIfAbsent(formId, id -> {
            try (InputStream in = new ClassPathResource("forms/" + id + ".form").getInputStream()) {
                return json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read form " + id, e);
            }
        });
    }

    private static FormSchema read(JsonNode root, String formId) {
        List<FormField> fields = new ArrayList<>();
        collect(root.path("components"), fields);
        return new FormSchema(root.path("id").asText(formId), List.copyOf(fields));
    }

    private static void collect(JsonNode components, List<FormField> fields) {
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            if ("group".equals(type)) {
                collect(c.path("components"), fields);
            } else if (INPUTS.contains(type) && (c.hasNonNull("key") || c.hasNonNull("path"))) {
                fields.add(field(c, type));
            }
        }
    }

    private static FormField field(JsonNode c, String type) {
        JsonNode v = c.path("validate");
        List<FormField.Option> options = new ArrayList<>();
        for (JsonNode o : c.path("values")) {
            options.add(new FormField.Option(o.path("value").asText(), o.path("label").asText()));
        }
        List<FormField> children = new ArrayList<>();
        if ("dynamiclist".equals(type)) {
            collect(c.path("components"), children);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        c.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        String key = c.hasNonNull("key") ? c.path("key").asText() : c.path("path").asText();
        String label = c.hasNonNull("label") ? c.path("label").asText() : c.path("dateLabel").asText(key);
        return new FormField(c.path("id").asText(key), key, type, label, c.path("description").asText(null),
                v.path("required").asBoolean(false), intOrNull(v, "minLength"), intOrNull(v, "maxLength"),
                v.hasNonNull("pattern") ? v.path("pattern").asText() : null,
                "email".equals(v.path("validationType").asText()), doubleOrNull(v, "min"), doubleOrNull(v, "max"),
                List.copyOf(options), List.copyOf(children), Map.copyOf(properties));
    }

    private static Integer intOrNull(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.path(name).asInt() : null;
    }

    private static Double doubleOrNull(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.path(name).asDouble() : null;
    }
}
