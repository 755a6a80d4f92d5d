package se.samlarande.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The executable jar of the last release, which {@link UpgradeIT} upgrades from. The release is a commit
 * ({@code samlarande.previous-release} in pom.xml, handed to failsafe as a system property). Its jar is built once
 * from that commit's tree and kept in the local Maven repository (the build's own, {@code -Dmaven.repo.local}
 * included) as the test artefact {@code se.samlarande:samlarande-release:<commit>}, so later runs take it from
 * there. Nothing is committed and nothing is downloaded but what Maven and npm fetch for that build.
 */
final class PreviousRelease {

    static final String GROUP_PATH = "se/samlarande/samlarande-release";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final Path WORK = Path.of("target", "upgrade");

    /** The jar, and how long it took to build it here (zero when it was already in the local repository). */
    record Jar(String commit, Path path, Duration built) {
    }

    private PreviousRelease() {
    }

    static String commit() {
        String commit = System.getProperty("samlarande.previous-release", "").strip();
        if (!commit.matches("[0-9a-f]{7,40}")) {
            throw new IllegalStateException("No previous release to upgrade from: the system property "
                    + "samlarande.previous-release (pom.xml, handed over by failsafe) is '" + commit
                    + "'; run the ITs with `mvn verify`, or pass -Dsamlarande.previous-release=<commit>");
        }
        return commit;
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local", "").strip();
        return configured.isEmpty() || configured.contains("${")
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(configured);
    }

    /** Where the jar of a release commit is kept in the local repository. */
    static Path stored(String commit) {
        return localRepository().resolve(GROUP_PATH).resolve(commit).resolve("samlarande-release-" + commit + ".jar");
    }

    /** The previous release's jar: from the local repository, or built from its commit and stored there first. */
    static Jar jar() {
        String commit = commit();
        Path stored = stored(commit);
        if (Files.isRegularFile(stored)) {
            System.out.println("UpgradeIT: the jar of release " + commit + " from the local repository: " + stored);
            return new Jar(commit, stored, Duration.ZERO);
        }
        long began = System.nanoTime();
        Path built = build(commit);
        try {
            Files.createDirectories(stored.getParent());
            Path partial = stored.resolveSibling(stored.getFileName() + ".part");
            Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the jar of release " + commit + " at " + stored, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("UpgradeIT: the jar of release %s built from its commit in %d s and stored at %s%n", commit,
                took.toSeconds(), stored);
        return new Jar(commit, stored, took);
    }

    /** {@code git archive <commit>} into target/upgrade/previous-src, then {@code mvn package} there. */
    private static Path build(String commit) {
        Path repository = Path.of("").toAbsolutePath();
        Path source = WORK.resolve("previous-src").toAbsolutePath();
        try {
            deleteTree(source);
            Files.createDirectories(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = WORK.resolve("previous-build.log").toAbsolutePath();

        int found = run(List.of("git", "-C", repository.toString(), "cat-file", "-e", commit + "^{commit}"),
                repository, log, Duration.ofMinutes(1), "git");
        if (found != 0) {
            throw new IllegalStateException("The previous release's commit " + commit + " is not in the repository at "
                    + repository + " (a shallow clone? fetch the full history: `git fetch --unshallow`), so its jar "
                    + "cannot be built; see " + log);
        }
        int archived = run(List.of("sh", "-c", "git -C \"$0\" archive --format=tar \"$1\" | tar -x -C \"$2\"",
                repository.toString(), commit, source.toString()), repository, log, Duration.ofMinutes(2), "git archive");
        if (archived != 0 || !Files.isRegularFile(source.resolve("pom.xml"))) {
            throw new IllegalStateException("git archive " + commit + " into " + source + " failed; see " + log);
        }

        List<String> maven = new ArrayList<>(List.of(mvn(), "-B", "-ntp", "-q",
                // only the jar: no test is run or compiled; the old pom runs `npm ci` in frontend/ itself
                "-DskipTests", "-Dmaven.test.skip=true", "-Dskip.fuzz",
                "-Dmaven.repo.local=" + localRepository().toAbsolutePath(), "package"));
        System.out.println("UpgradeIT: building the jar of release " + commit + " in " + source + " (" + String.join(" ", maven)
                + "); output in " + log);
        int packaged = run(maven, source, log, BUILD_TIMEOUT, "mvn package");
        if (packaged != 0) {
            throw new IllegalStateException("Building release " + commit + " failed (exit " + packaged + "):\n" + tail(log, 40));
        }
        try (Stream<Path> files = Files.list(source.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("samlarande-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Release " + commit + " built no target/samlarande-*.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maven of this build ({@code maven.home}), else {@code mvn} on the PATH. */
    private static String mvn() {
        String home = System.getProperty("samlarande.maven-home", "").strip();
        if (!home.isEmpty() && !home.contains("${")) {
            Path mvn = Path.of(home, "bin", "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        return "mvn";
    }

    /** Runs the command with its output appended to the log; kills it and its children at the timeout. */
    private static int run(List<String> command, Path directory, Path log, Duration timeout, String what) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the nested build must not see the surrounding test run's settings meant for the app
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("SAMLARANDE_"));
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(what + " took longer than " + timeout.toMinutes() + " min; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not be run (" + command.get(0) + " missing?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
