package se.samlarande.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Server-side validation against the same Camunda Form the browser renders. */
class FormSchemaTest {

    private final FormSchemas forms = new FormSchemas(new ObjectMapper());

    @Test
    void readsTheFieldsOfAFormWithTheirRules() {
        FormSchema registration = forms.get("visit-registration");

        assertThat(registration.fields()).extracting(FormField::key).containsExactly("hostUnit", "topic", "dateFrom",
                "dateTo", "guestOrganisation", "partnerLevel", "contactName", "contactEmail", "contactLanguage");
        assertThat(registration.field("contactEmail").email()).isTrue();
        assertThat(registration.field("topic").maxLength()).isEqualTo(200);
        assertThat(registration.field("partnerLevel").options()).extracting(FormField.Option::value)
                .containsExactly("LOCAL", "REGIONAL", "NATIONAL", "INTERNATIONAL");
    }

    @Test
    void acceptsAValidSubmission() {
        Map<String, String> values = Map.of("goalsAndPurpose", "Se hur ni arbetar", "improvementWork", "Fallprevention");

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

        Map<String, String> errors = forms.get("visit-registration").validate(values);

        assertThat(errors).containsOnlyKeys("hostUnit", "topic", "partnerLevel", "contactEmail", "isAdmin");
        assertThat(errors.get("hostUnit")).contains("högst 200 tecken");
        assertThat(errors.get("topic")).isEqualTo("Ämne måste fyllas i.");
        assertThat(errors.get("partnerLevel")).contains("välj ett av alternativen");
        assertThat(errors.get("contactEmail")).contains("ingen giltig e-postadress");
        assertThat(errors.get("isAdmin")).isEqualTo("Okänt fält.");
    }

    @Test
    void checksNumberBounds() {
        FormSchema hosting = forms.get("host-visit");

        assertThat(hosting.validate(Map.of("attendance", "-1"))).containsKey("attendance");
        assertThat(hosting.validate(Map.of("attendance", "many"))).containsEntry("attendance", "Antal deltagare måste vara ett tal.");
        assertThat(hosting.validate(Map.of("attendance", "12"))).isEmpty();
    }
}
