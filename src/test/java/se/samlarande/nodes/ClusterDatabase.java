package se.samlarande.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL of its own for one integration test class (zonky's embedded PostgreSQL: binaries from Maven
 * Central, a fresh data directory, a free port), with an empty database {@code samlarande} that the app nodes
 * share, and plain JDBC for the test to look at what they wrote.
 */
final class ClusterDatabase implements NodeDatabase {

    static final String NAME = "samlarande";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final JdbcTemplate jdbc;

    static {
        TestLogging.quiet("io.zonky.test");
    }

    private ClusterDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + NAME);
        DataSource database = postgres.getDatabase(USER, NAME);
        this.jdbc = new JdbcTemplate(database);
    }

    static ClusterDatabase start() {
        try {
            return new ClusterDatabase(EmbeddedPostgres.builder()
                    // two nodes with their connection pools, and the test
                    .setServerConfig("max_connections", "120")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + NAME;
    }

    @Override
    public List<String> arguments() {
        return List.of("--spring.profiles.active=postgres");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("SAMLARANDE_DB_URL", url(), "SAMLARANDE_DB_USER", USER, "SAMLARANDE_DB_PASSWORD", "");
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc.queryForList(sql, args);
    }

    /** A timestamp column as the engine wrote it (local time of the nodes, which run on this machine). */
    static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
