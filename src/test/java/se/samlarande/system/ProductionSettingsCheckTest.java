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

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment().withProperty("SAMLARANDE_DB_URL", "jdbc:postgresql://db/x")
                .withProperty("SAMLARANDE_DB_USER", "app").withProperty("SAMLARANDE_ADMIN_PASSWORD", "secret")
                .withProperty("SAMLARANDE_SMTP_HOST", "smtp.region.se");
        environment.setActiveProfiles("postgres");
        return environment;
    }

    @Test
    void thePostgresProfileRefusesToLetStaffOpenGuestsPages() {
        SpringApplication app = new SpringApplication(SamlarandeApplication.class);
        assertThatCode(() -> check.postProcessEnvironment(production(), app)).doesNotThrowAnyException();

        assertThatThrownBy(() -> check.postProcessEnvironment(
                production().withProperty("samlarande.outbox.show-guest-links", "true"), app))
                .hasMessageContaining("samlarande.outbox.show-guest-links");
        // the switch follows the demo users unless set
        assertThatThrownBy(() -> check.postProcessEnvironment(production().withProperty("samlarande.demo-users", "true"), app))
                .hasMessageContaining("samlarande.outbox.show-guest-links");
        assertThatCode(() -> check.postProcessEnvironment(production().withProperty("samlarande.demo-users", "true")
                .withProperty("samlarande.outbox.show-guest-links", "false"), app)).doesNotThrowAnyException();
    }

    @Test
    void theAppDoesNotStartOnThePostgresProfileWithTheSwitchOn() {
        SpringApplication app = new SpringApplication(SamlarandeApplication.class);
        assertThatThrownBy(() -> app.run("--spring.profiles.active=postgres",
                "--SAMLARANDE_DB_URL=jdbc:postgresql://127.0.0.1:1/none", "--SAMLARANDE_DB_USER=app",
                "--SAMLARANDE_ADMIN_PASSWORD=secret", "--SAMLARANDE_SMTP_HOST=127.0.0.1",
                "--samlarande.outbox.show-guest-links=true"))
                .hasMessageContaining("cannot start on the postgres profile with samlarande.outbox.show-guest-links on");
    }

    @Test
    void theEmbeddedDefaultNeedsNothing() {
        assertThatCode(() -> check.postProcessEnvironment(new MockEnvironment(),
                new SpringApplication(SamlarandeApplication.class))).doesNotThrowAnyException();
    }
}
