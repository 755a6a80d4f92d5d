package se.samlarande.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.support.ResourceBundleMessageSource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whatever a guest's browser posts to a form (the intake, the evaluation, the public request), the server-side
 * validation answers with field errors, each with a message in Swedish and English, and never with an exception;
 * and what it accepts is what the guest pages then read: text as strings, a ticked box as a boolean, a list of
 * entries as maps, nothing the form does not declare. Values come as Jackson gives them from JSON (strings, numbers
 * of every size, booleans, null, lists, maps), either built directly or parsed from fuzzed JSON text.
 * Fuzzed by Jazzer for a bounded time in the build (JAZZER_FUZZ=1, see pom.xml).
 */
class FormSubmissionFuzzTest {

    private static final List<String> GUEST_FORMS = List.of("intake", "evaluation", "visit-request");
    private static final Locale SV = Locale.forLanguageTag("sv");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FormSchemas forms = new FormSchemas(JSON, messages());

    private static ResourceBundleMessageSource messages() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @FuzzTest(maxDuration = "15s")
    void anySubmissionGetsFieldErrorsOrIsAcceptedAsTheFormSendsIt(FuzzedDataProvider data) {
        String formId = data.pickValue(GUEST_FORMS);
        FormSchema schema = forms.get(formId);
        Map<String, Object> values;
        if (data.consumeBoolean()) {
            values = object(data, schema.fields(), 0);
        } else {
            try {
                values = JSON.readValue(data.consumeRemainingAsString(), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException | IllegalArgumentException notJson) {
                return; // the controller answers 400 before validating
            }
            if (values == null) {
                return;
            }
        }

        List<FieldError> errors = schema.validate(values);

        for (Locale locale : List.of(SV, Locale.ENGLISH)) {
            Map<String, String> messages = forms.messages(formId, errors, locale);
            assertThat(messages.keySet()).containsExactlyInAnyOrderElementsOf(errors.stream().map(FieldError::key).distinct().toList());
            assertThat(messages.values()).allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain("{0}", "{1}"));
        }
        if (errors.isEmpty()) {
            assertAcceptedAsTheFormSendsIt(schema.fields(), values);
        }
    }

    /** What the guest pages and the request page read from an accepted submission holds. */
    private static void assertAcceptedAsTheFormSendsIt(List<FormField> fields, Map<String, ?> values) {
        for (String key : values.keySet()) {
            assertThat(fields).as("declared: %s", key).anyMatch(f -> f.key().equals(key));
        }
        for (FormField field : fields) {
            Object value = values.get(field.key());
            switch (field.type()) {
                case "textfield", "textarea", "datetime", "radio", "select" -> {
                    assertThat(value).as(field.key()).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isInstanceOf(String.class));
                    if (field.required()) {
                        assertThat((String) value).as(field.key()).isNotBlank();
                    }
                    if (field.maxLength() != null && value != null) {
                        assertThat(((String) value).strip().length()).as(field.key()).isLessThanOrEqualTo(field.maxLength());
                    }
                    if (field.isChoice() && value != null && !((String) value).isBlank()) {
                        assertThat(field.options()).as(field.key()).anyMatch(o -> o.value().equals(((String) value).strip()));
                    }
                }
                case "checkbox" -> {
                    assertThat(value).as(field.key()).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isInstanceOf(Boolean.class));
                    if (field.required()) {
                        assertThat(value).as(field.key()).isEqualTo(Boolean.TRUE);
                    }
                }
                case "number" -> {
                    if (value != null && !String.valueOf(value).isBlank()) {
                        double number = Double.parseDouble(String.valueOf(value).strip());
                        assertThat(Double.isFinite(number)).as("%s = %s is a number", field.key(), value).isTrue();
                        if (field.min() != null) {
                            assertThat(number).as(field.key()).isGreaterThanOrEqualTo(field.min());
                        }
                        if (field.max() != null) {
                            assertThat(number).as(field.key()).isLessThanOrEqualTo(field.max());
                        }
                    }
                }
                case "dynamiclist" -> {
                    if (value != null) {
                        assertThat(value).as(field.key()).isInstanceOf(List.class);
                        assertThat((List<?>) value).hasSizeLessThanOrEqualTo(FormSchema.MAX_LIST_ENTRIES);
                        for (Object entry : (List<?>) value) {
                            assertThat(entry).isInstanceOf(Map.class);
                            @SuppressWarnings("unchecked")
                            Map<String, ?> typed = (Map<String, ?>) entry;
                            assertAcceptedAsTheFormSendsIt(field.children(), typed);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    /** A JSON object as Jackson would give it, its keys mostly the form's own so that the fuzzer gets past "unknown". */
    private static Map<String, Object> object(FuzzedDataProvider data, List<FormField> fields, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        int size = data.consumeInt(0, fields.size() + 2);
        for (int i = 0; i < size; i++) {
            FormField field = fields.isEmpty() || data.consumeInt(0, 9) == 0 ? null : data.pickValue(fields);
            String key = field == null ? data.consumeString(20) : field.key();
            List<FormField> children = field == null ? List.of() : field.children();
            values.put(key, value(data, children, depth));
        }
        return values;
    }

    private static Object value(FuzzedDataProvider data, List<FormField> children, int depth) {
        return switch (depth > 3 ? data.consumeInt(0, 6) : data.consumeInt(0, 8)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeDouble();
            case 4 -> new BigInteger(1, data.consumeBytes(24));
            case 5 -> data.consumeInt(-5, 10);
            case 6 -> data.consumeString(3000);
            case 7 -> {
                List<Object> list = new ArrayList<>();
                int n = data.consumeInt(0, 25);
                for (int i = 0; i < n; i++) {
                    list.add(data.consumeBoolean() ? object(data, children, depth + 1) : value(data, children, depth + 1));
                }
                yield list;
            }
            default -> object(data, children, depth + 1);
        };
    }
}
