package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} stays valid and in step with the app's production configuration: no Docker engine
 * runs here, so this reads the file as Compose would and checks it against {@code application-postgres.yaml}.
 */
class DockerComposeTest {

    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{(SAMLARANDE_[A-Z_]+)}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @Test
    void theStackHasTheDatabaseTheAppAndAMailCatcherEachWithAHealthCheck() throws IOException {
        for (String name : List.of("postgres", "app", "mailpit")) {
            assertThat(service(name)).as(name).containsKey("healthcheck");
        }
        assertThat((List<String>) service("postgres").get("volumes")).anyMatch(v -> v.startsWith("postgres-data:"));
        assertThat((Map<String, Object>) compose().get("volumes")).containsKey("postgres-data");
        assertThat((Map<String, Object>) service("app").get("depends_on")).containsKeys("postgres", "mailpit");
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppGetsEverySettingTheProductionProfileRequires() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service("app").get("environment");
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        assertThat(environment).containsKeys(ProductionSettingsCheck.REQUIRED.toArray(String[]::new));
        String profile = Files.readString(Path.of("src/main/resources/application-postgres.yaml"));
        REQUIRED_PLACEHOLDER.matcher(profile).results().map(m -> m.group(1))
                .forEach(variable -> assertThat(environment).as("compose sets %s", variable).containsKey(variable));
        assertThat(environment.get("SAMLARANDE_SMTP_HOST")).isEqualTo("mailpit");
        assertThat(String.valueOf(environment.get("SAMLARANDE_SMTP_PORT"))).isEqualTo("1025");
        assertThat(String.valueOf(environment.get("SAMLARANDE_DB_URL"))).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(String.valueOf(environment.get("SAMLARANDE_ADMIN_PASSWORD"))).as("no default admin password")
                .startsWith("${SAMLARANDE_ADMIN_PASSWORD:?");
    }
}
