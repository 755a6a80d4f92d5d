package se.samlarande.process.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * The rules of a release, held by the build: the model's version is the newest step's, the steps form one chain,
 * CHANGELOG.md tells every version, a change to the model or a form raises the version, and a released Flyway
 * migration is never edited.
 */
class VisitVersionStepsTest {

    private static final Path RELEASED = Path.of("src/test/resources/released");

    @Test
    void versionTagsOrderByTheirNumbers() {
        assertThat(VersionTag.parse("1.10.0")).isGreaterThan(VersionTag.parse("1.9.3"));
        assertThat(VersionTag.parse("2.0.0")).isGreaterThan(VersionTag.parse("1.99.99"));
        assertThat(VersionTag.parse(" 1.2.3 ")).isEqualTo(new VersionTag(1, 2, 3));
        assertThatThrownBy(() -> VersionTag.parse("1.2")).hasMessageContaining("MAJOR.MINOR.PATCH");
        assertThat(VersionTag.parseOrNull(null)).isNull();
    }

    @Test
    void theModelCarriesTheNewestStepsVersionAndTheStepsFormOneChainFromTheFirstRelease() {
        Process process = Bpmn.readModelFromFile(new File("bpmn/visit.bpmn")).getModelElementById("visit");
        assertThat(VersionTag.parse(process.getCamundaVersionTag())).isEqualTo(VisitVersionSteps.newest());
        List<VersionStep> steps = VisitVersionSteps.STEPS;
        assertThat(steps.get(0).from()).isEqualTo(VersionTag.parse("1.0.0"));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).from()).as("step %d starts where the one before ends", i).isEqualTo(steps.get(i - 1).to());
        }
        for (VersionStep step : steps) {
            assertThat(VisitVersionSteps.compose(step.from(), VisitVersionSteps.newest())).as("from %s", step.from()).isPresent();
        }
    }

    @Test
    void theChangelogTellsEveryVersion() throws IOException {
        String changelog = Files.readString(Path.of("CHANGELOG.md"));
        assertThat(changelog).contains("## 1.0.0");
        for (VersionStep step : VisitVersionSteps.STEPS) {
            assertThat(changelog).as("CHANGELOG.md entry for %s", step.to()).contains("## " + step.to());
        }
        // newest first
        assertThat(changelog.indexOf("## " + VisitVersionSteps.newest())).isLessThan(changelog.indexOf("## 1.0.0"));
    }

    @Test
    void stepsComposeRenamesRemovalsTimersAndVariablesAcrossReleases() {
        List<VersionStep> steps = List.of(
                new VersionStep(VersionTag.parse("1.0.0"), VersionTag.parse("1.1.0"), "a renamed",
                        Map.of("Task_A", "Task_B"), Set.of("TimerEvent_T"), Map.of(), Map.of("one", 1)),
                new VersionStep(VersionTag.parse("1.1.0"), VersionTag.parse("2.0.0"), "b renamed again, c removed",
                        Map.of("Task_B", "Task_C", "TimerEvent_T", "TimerEvent_U"), Set.of(),
                        Map.of("ReceiveTask_Gone", "merged into Task_C"), Map.of("two", 2, "one", 11)));
        VisitVersionSteps.Composed composed = VisitVersionSteps.compose(steps, VersionTag.parse("1.0.0"),
                VersionTag.parse("2.0.0")).orElseThrow();
        assertThat(composed.renamed()).containsEntry("Task_A", "Task_C").containsEntry("TimerEvent_T", "TimerEvent_U");
        assertThat(composed.rearmedTimers()).containsExactly("TimerEvent_U");
        assertThat(composed.removed()).containsOnlyKeys("ReceiveTask_Gone");
        assertThat(composed.variables()).containsEntry("one", 11).containsEntry("two", 2);
        // from the middle: only the second step
        assertThat(VisitVersionSteps.compose(steps, VersionTag.parse("1.1.0"), VersionTag.parse("2.0.0")).orElseThrow()
                .renamed()).containsEntry("Task_B", "Task_C").doesNotContainKey("Task_A");
        // no chain: a version no step starts from, or a target between steps
        assertThat(VisitVersionSteps.compose(steps, VersionTag.parse("1.0.5"), VersionTag.parse("2.0.0"))).isEmpty();
        assertThat(VisitVersionSteps.compose(steps, VersionTag.parse("1.0.0"), VersionTag.parse("1.5.0"))).isEmpty();
        assertThat(VisitVersionSteps.compose(steps, VersionTag.parse("2.0.0"), VersionTag.parse("2.0.0")).orElseThrow()
                .steps()).isEmpty();
        assertThatThrownBy(() -> VersionStep.unchanged("1.1.0", "1.0.0", "backwards")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangeToTheModelOrAFormRaisesTheVersion() throws IOException {
        Path recorded = RELEASED.resolve("current-" + VisitVersionSteps.newest() + ".sha256");
        assertThat(recorded).as("hashes of the current release's model and forms (see released/README.md)").exists();
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(recorded)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                hashes.put(line.substring(66).trim(), line.substring(0, 64));
            }
        }
        Map<String, String> now = new java.util.TreeMap<>();
        now.put("bpmn/visit.bpmn", sha256(Path.of("bpmn/visit.bpmn")));
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            forms.sorted().forEach(f -> now.put("forms/" + f.getFileName(), sha256(f)));
        }
        assertThat(now).as("bpmn/visit.bpmn and forms/ changed while the version stays " + VisitVersionSteps.newest()
                + ": raise camunda:versionTag, add a step to VisitVersionSteps, an entry to CHANGELOG.md, and record the"
                + " new hashes (released/README.md)").isEqualTo(hashes);
        // every earlier release is kept for the tests that migrate from it
        for (VersionStep step : VisitVersionSteps.STEPS) {
            assertThat(RELEASED.resolve(step.from() + "/visit.bpmn")).as("released %s", step.from()).exists();
        }
    }

    @Test
    void aReleasedFlywayMigrationIsNeverEdited() throws IOException {
        Map<String, String> pinned = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(RELEASED.resolve("flyway-migrations.sha256"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                pinned.put(line.substring(66).trim(), line.substring(0, 64));
            }
        }
        Path migrations = Path.of("src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(migrations)) {
            List<Path> all = files.sorted().toList();
            for (Path file : all) {
                String name = file.getFileName().toString();
                assertThat(pinned).as("%s is pinned in released/flyway-migrations.sha256 (add its line when you add it)", name)
                        .containsKey(name);
                assertThat(sha256(file)).as("%s was released and must not change: add a new migration instead", name)
                        .isEqualTo(pinned.get(name));
            }
            assertThat(all).hasSize(pinned.size());
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
