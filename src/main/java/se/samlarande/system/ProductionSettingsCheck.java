package se.samlarande.system;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * On the production profile ({@code postgres}) the app refuses to start without its database, admin password and
 * SMTP server, and says which settings are missing, all at once, before anything else starts. There are no
 * defaults for secrets outside the embedded default. Nor does it start with {@value #SHOW_GUEST_LINKS} on: that
 * switch lets any member of staff open a guest's page and answer as the guest.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    /** The database password is not among them: a database may trust its clients by network or certificate. */
    static final List<String> REQUIRED = List.of("SAMLARANDE_DB_URL", "SAMLARANDE_DB_USER",
            "SAMLARANDE_ADMIN_PASSWORD", "SAMLARANDE_SMTP_HOST");

    /** Off unless set, or as {@code samlarande.demo-users} (as the outbox reads it). */
    static final String SHOW_GUEST_LINKS = "samlarande.outbox.show-guest-links";

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
        boolean demoUsers = environment.getProperty("samlarande.demo-users", Boolean.class, false);
        if (environment.getProperty(SHOW_GUEST_LINKS, Boolean.class, demoUsers)) {
            throw new IllegalStateException("Samlärande cannot start on the postgres profile with " + SHOW_GUEST_LINKS
                    + " on: it lets staff open guests' personal pages. Set " + SHOW_GUEST_LINKS
                    + "=false (or leave it and samlarande.demo-users unset).");
        }
    }
}
