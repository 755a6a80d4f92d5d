package se.samlarande.system;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * On the production profile ({@code postgres}) the app refuses to start without its database, admin password and
 * SMTP server, and says which settings are missing, all at once, before anything else starts. There are no
 * defaults for secrets outside the embedded default.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    /** The database password is not among them: a database may trust its clients by network or certificate. */
    static final List<String> REQUIRED = List.of("SAMLARANDE_DB_URL", "SAMLARANDE_DB_USER",
            "SAMLARANDE_ADMIN_PASSWORD", "SAMLARANDE_SMTP_HOST");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return;
        }
        List<String> missing = REQUIRED.stream().filter(name -> {
            String value = environment.getProperty(name);
            return value == null || value.isBlank();
        }).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Samlärande cannot start on the postgres profile: set "
                    + String.join(", ", missing) + " (see the README's configuration table).");
        }
    }
}
