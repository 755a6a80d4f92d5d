package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import se.samlarande.SamlarandeApplication;

/** The production profile names every missing setting instead of starting with a default secret. */
class ProductionSettingsCheckTest {

    private final ProductionSettingsCheck check = new ProductionSettingsCheck();

    @Test
    void thePostgresProfileRefusesToStartAndNamesWhatIsMissing() {
        MockEnvironment environment = new MockEnvironment().withProperty("SAMLARANDE_DB_URL", "jdbc:postgresql://db/x")
                .withProperty("SAMLARANDE_DB_USER", "app");
        environment.setActiveProfiles("postgres");

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication(SamlarandeApplication.class)))
                .hasMessageContaining("set SAMLARANDE_ADMIN_PASSWORD, SAMLARANDE_SMTP_HOST");
    }

    @Test
    void theEmbeddedDefaultNeedsNothing() {
        assertThatCode(() -> check.postProcessEnvironment(new MockEnvironment(),
                new SpringApplication(SamlarandeApplication.class))).doesNotThrowAnyException();
    }
}
