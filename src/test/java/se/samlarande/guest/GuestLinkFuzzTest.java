package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a visitor puts after {@code /g/}, the personal link is looked up without an error and opens nothing but
 * the one issued token, character for character: not a prefix, not a neighbour, not the token with other case, not
 * its hash. The lookup runs against the app's own tables (the Flyway migrations on an in-memory H2).
 * Fuzzed by Jazzer for a bounded time in the build (JAZZER_FUZZ=1, see pom.xml).
 */
class GuestLinkFuzzTest {

    private static final String ISSUED = "Q2FtdW5kYS1zYW1sYXJhbmRlLWZ1enotdG9rZW4tMDE";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final GuestLinks LINKS = links();

    private static GuestLinks links() {
        var database = new DriverManagerDataSource("jdbc:h2:mem:guest-link-fuzz;MODE=LEGACY;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        // one issued link; the visit and guest it belongs to do not matter to the lookup
        jdbc.sql("SET REFERENTIAL_INTEGRITY FALSE").update();
        jdbc.sql("INSERT INTO sl_access_token (token_hash, visit_id, participant_id, purpose, expires_at, created_at) "
                + "VALUES (?, 1, 1, 'INTAKE', ?, ?)")
                .params(GuestLinks.hash(ISSUED), Timestamp.from(NOW.plus(Duration.ofDays(30))), Timestamp.from(NOW)).update();
        return new GuestLinks(jdbc, null, new DataSourceTransactionManager(database), Clock.fixed(NOW, ZoneOffset.UTC),
                "http://localhost:8080", Period.ofDays(30), Duration.ofDays(14), ZoneId.of("Europe/Stockholm"));
    }

    @FuzzTest(maxDuration = "10s")
    void onlyTheIssuedTokenOpensALink(FuzzedDataProvider data) {
        String candidate;
        if (data.consumeBoolean()) {
            // the issued token, altered where the fuzzer chooses
            StringBuilder altered = new StringBuilder(ISSUED);
            int changes = data.consumeInt(0, 3);
            for (int i = 0; i < changes && altered.length() > 0; i++) {
                int at = data.consumeInt(0, altered.length() - 1);
                switch (data.consumeInt(0, 2)) {
                    case 0 -> altered.setCharAt(at, data.consumeChar());
                    case 1 -> altered.deleteCharAt(at);
                    default -> altered.insert(at, data.consumeChar());
                }
            }
            candidate = altered.toString();
        } else {
            candidate = data.consumeRemainingAsString();
        }

        var access = LINKS.resolve(candidate);

        assertThat(access.isPresent()).as("%s opens a link", candidate).isEqualTo(candidate.equals(ISSUED));
        access.ifPresent(a -> assertThat(a.expired()).isFalse());
        assertThat(GuestLinks.hash(candidate)).hasSize(64).matches("[0-9a-f]{64}");
    }
}
