package se.samlarande.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded default's database: the app's own H2 file URL from {@code application.yaml} (no profile, nothing
 * overridden), under {@code ./data} of a fresh working directory of the node. While no node runs, the test opens
 * the same files to read what a killed node left on disk, and closes them again before a node starts.
 */
final class H2FileDatabase implements NodeDatabase {

    private final Path directory;

    H2FileDatabase() {
        try {
            Files.createDirectories(Path.of("target", "it-nodes"));
            directory = Files.createTempDirectory(Path.of("target", "it-nodes").toAbsolutePath(), "h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> arguments() {
        return List.of();
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("SAMLARANDE_ADMIN_USER", AppNode.ADMIN.id());
    }

    @Override
    public java.util.Optional<Path> workingDirectory() {
        return java.util.Optional.of(directory);
    }

    /**
     * Reads the database files as a killed node left them (no node may run: H2 locks its files). Opened without
     * any option that could change what is read, and closed when the reading is done.
     */
    <T> T read(Function<JdbcTemplate, T> reading) {
        String url = "jdbc:h2:file:" + directory.resolve("data").resolve("samlarande") + ";MODE=LEGACY;IFEXISTS=TRUE";
        SingleConnectionDataSource source = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            return reading.apply(new JdbcTemplate(source));
        } finally {
            source.destroy();
        }
    }

    @Override
    public void close() {
        // the files stay under target/it-nodes for a look after a failure
    }
}
