package se.samlarande.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Loads the Camunda Forms packaged from {@code forms/} (once each) and reads their fields. */
@Component
public class FormSchemas {

    private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "datetime", "checkbox",
            "checklist", "radio", "select", "taglist");

    private final ObjectMapper json;
    private final Map<String, FormSchema> cache = new ConcurrentHashMap<>();

    public FormSchemas(ObjectMapper json) {
        this.json = json;
    }

    public FormSchema get(String formId) {
        return cache.computeIfAbsent(formId, this::load);
    }

    private FormSchema load(String formId) {
        if (!formId.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Not a form id: " + formId);
        }
        try (InputStream in = new ClassPathResource("forms/" + formId + ".form").getInputStream()) {
            JsonNode root = json.readTree(in);
            List<String> texts = new ArrayList<>();
            List<FormField> fields = new ArrayList<>();
            collect(root.path("components"), texts, fields);
            return new FormSchema(root.path("id").asText(formId), List.copyOf(texts), List.copyOf(fields));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read form " + formId, e);
        }
    }

    private static void collect(JsonNode components, List<String> texts, List<FormField> fields) {
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            if ("text".equals(type) && !c.path("text").asText().contains("{{")) {
                texts.add(c.path("text").asText());
            } else if ("group".equals(type)) {
                collect(c.path("components"), texts, fields);
            } else if (INPUTS.contains(type) && c.hasNonNull("key")) {
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
        String label = c.hasNonNull("label") ? c.path("label").asText() : c.path("dateLabel").asText(c.path("key").asText());
        return new FormField(c.path("key").asText(), type, label, c.path("description").asText(null),
                v.path("required").asBoolean(false), intOrNull(v, "minLength"), intOrNull(v, "maxLength"),
                v.hasNonNull("pattern") ? v.path("pattern").asText() : null,
                "email".equals(v.path("validationType").asText()), doubleOrNull(v, "min"), doubleOrNull(v, "max"),
                List.copyOf(options));
    }

    private static Integer intOrNull(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.path(name).asInt() : null;
    }

    private static Double doubleOrNull(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.path(name).asDouble() : null;
    }
}
