package se.samlarande.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Server-side validation against the same Camunda Form the browser renders. */
class FormSchemaTest {

    private final FormSchemas forms = new FormSchemas(new ObjectMapper(), messages());

    private static org.springframework.context.MessageSource messages() {
        var source = new org.springframework.context.support.ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private Map<String, String> errors(String formId, Map<String, ?> values, java.util.Locale locale) {
        return forms.messages(formId, forms.get(formId).validate(values), locale);
    }

    private static final java.util.Locale SV = java.util.Locale.forLanguageTag("sv");

    @Test
    void readsTheFieldsOfAFormWithTheirRules() {
        FormSchema registration = forms.get("visit-registration");

        assertThat(registration.fields()).extracting(FormField::key).containsExactly("hostUnit", "topic", "dateFrom",
                "dateTo", "direction", "guestOrganisation", "partnerLevel", "contactName", "contactEmail", "contactLanguage",
                "alreadyHeld");
        assertThat(registration.field("contactEmail").email()).isTrue();
        assertThat(registration.field("topic").maxLength()).isEqualTo(200);
        assertThat(registration.field("partnerLevel").options()).extracting(FormField.Option::value)
                .containsExactly("LOCAL", "REGIONAL", "NATIONAL", "INTERNATIONAL");
        assertThat(registration.field("direction").required()).isFalse();
        assertThat(registration.field("direction").options()).extracting(FormField.Option::value)
                .containsExactly("INCOMING", "OUTGOING");
    }

    @Test
    void acceptsAValidSubmission() {
        Map<String, Object> values = Map.of("goalsAndPurpose", "Se hur ni arbetar", "improvementWork", "Fallprevention",
                "confidentialityAccepted", true);

        assertThat(forms.get("intake").validate(values)).isEmpty();
    }

    @Test
    void namesEveryFieldThatBreaksARule() {
        Map<String, String> values = new HashMap<>();
        values.put("hostUnit", "x".repeat(201));
        values.put("topic", "  ");
        values.put("dateFrom", "2027-01-01");
        values.put("dateTo", "2027-01-02");
        values.put("guestOrganisation", "Org");
        values.put("partnerLevel", "GALACTIC");
        values.put("contactName", "Anna");
        values.put("contactEmail", "anna.example.org");
        values.put("contactLanguage", "SV");
        values.put("isAdmin", "true");

        Map<String, String> errors = errors("visit-registration", values, SV);

        assertThat(errors).containsOnlyKeys("hostUnit", "topic", "partnerLevel", "contactEmail", "isAdmin");
        assertThat(errors.get("hostUnit")).contains("högst 200 tecken");
        assertThat(errors.get("topic")).isEqualTo("Ämne måste fyllas i.");
        assertThat(errors.get("partnerLevel")).contains("välj ett av alternativen");
        assertThat(errors.get("contactEmail")).contains("ange en giltig e-postadress");
        assertThat(errors.get("isAdmin")).isEqualTo("Okänt fält.");
    }

    @Test
    void aGuestReadsTheFormAndItsMessagesInEnglish() {
        Map<String, String> errors = errors("intake", Map.of("goalsAndPurpose", "x".repeat(4001),
                "confidentialityAccepted", false), java.util.Locale.ENGLISH);

        assertThat(errors).containsEntry("goalsAndPurpose",
                "Goals and purpose of the visit may be at most 4000 characters (now 4001).");
        assertThat(errors).containsEntry("improvementWork", "Improvement work to share is required.");
        assertThat(errors.get("confidentialityAccepted")).contains("you need to accept");
        assertThat(forms.json("intake", java.util.Locale.ENGLISH).toString()).contains("Goals and purpose of the visit")
                .doesNotContain("Mål och syfte med besöket");
    }

    @Test
    void checksEveryEntryOfAListAndItsSize() {
        Map<String, Object> values = Map.of("goalsAndPurpose", "Mål", "improvementWork", "Arbete",
                "confidentialityAccepted", true, "coTravellers", java.util.List.of(
                        Map.of("name", "Ola", "email", "ola@example.org", "language", "SV"),
                        Map.of("name", "", "email", "nope", "language", "DE")));

        Map<String, String> errors = errors("intake", values, SV);

        assertThat(errors).containsOnlyKeys("coTravellers[1].email", "coTravellers[1].language");
        assertThat(errors("intake", Map.of("goalsAndPurpose", "M", "improvementWork", "A", "confidentialityAccepted", true,
                "coTravellers", java.util.Collections.nCopies(21, Map.of())), SV)).containsKey("coTravellers");
    }

    @Test
    void checksNumberBounds() {
        assertThat(errors("host-visit", Map.of("attendance", -1), SV)).containsKey("attendance");
        assertThat(errors("host-visit", Map.of("attendance", "many"), SV))
                .containsEntry("attendance", "Antal deltagare måste vara ett tal.");
        assertThat(errors("host-visit", Map.of("attendance", 12), SV)).isEmpty();
        // text that Java reads as a number but no form sends
        assertThat(errors("host-visit", Map.of("attendance", "NaN"), SV)).containsKey("attendance");
        assertThat(errors("host-visit", Map.of("attendance", "1e999"), SV)).containsKey("attendance");
    }

    @Test
    void refusesANumberOrABooleanWhereTheFormSendsText() {
        // form-js sends text, dates and choices as strings; the guest pages read accepted values as strings
        Map<String, Object> intake = new HashMap<>(Map.of("goalsAndPurpose", 42, "improvementWork", true,
                "confidentialityAccepted", true));
        assertThat(forms.get("intake").validate(intake)).extracting(FieldError::key)
                .containsExactlyInAnyOrder("goalsAndPurpose", "improvementWork");
        assertThat(forms.get("evaluation").validate(Map.of("score", 4, "wentWell", 1.5))).extracting(FieldError::key)
                .containsExactlyInAnyOrder("score", "wentWell");
        assertThat(forms.get("evaluation").validate(Map.of("score", "4", "wentWell", "Bra"))).isEmpty();
    }

    @Test
    void anErrorOnAKeyWithoutAFieldNameIsNamedByItsKey() {
        // found by the fuzz test: a submitted key made only of separators
        Map<String, String> messages = forms.messages("intake", java.util.List.of(new FieldError(".", "unknown")), SV);

        assertThat(messages).containsOnlyKeys(".");
    }
}
