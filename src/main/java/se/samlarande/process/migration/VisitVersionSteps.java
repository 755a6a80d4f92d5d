package se.samlarande.process.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every release of {@code bpmn/visit.bpmn} since the first, as steps from one version to the next (CHANGELOG.md
 * tells the same story for people). A new release adds its step at the end; a step once released is never edited,
 * since instances of every earlier version may still be waiting somewhere in a region's database.
 * <p>
 * An instance is migrated in one move from its version to the current one: the steps between are composed (a wait
 * state renamed in 1.4 and again in 1.6 is mapped straight to its 1.6 id), so a database that skipped releases
 * needs none of the versions between deployed.
 */
public final class VisitVersionSteps {

    /** The releases, oldest first. */
    public static final List<VersionStep> STEPS = List.of(
            VersionStep.unchanged("1.0.0", "1.1.0",
                    "The practice follow-up after the summary meeting (a timer, Task_FollowUpPractice, its reminders); "
                            + "instances before the close of the visit take it, the wait states stay"),
            VersionStep.unchanged("1.1.0", "1.2.0",
                    "Task_ReviewIntake is created by the job executor (asyncBefore); an open review task stays open"),
            VersionStep.unchanged("1.2.0", "1.3.0",
                    "The registration start form refuses a first day before today; no wait state changes"));

    private VisitVersionSteps() {
    }

    /** The newest version the steps reach. */
    public static VersionTag newest() {
        return STEPS.get(STEPS.size() - 1).to();
    }

    /**
     * What an instance of {@code from} needs to reach {@code to}: the steps between, composed; empty when there is
     * no unbroken chain of steps between them.
     */
    public static Optional<Composed> compose(VersionTag from, VersionTag to) {
        return compose(STEPS, from, to);
    }

    static Optional<Composed> compose(List<VersionStep> steps, VersionTag from, VersionTag to) {
        List<VersionStep> path = new ArrayList<>();
        VersionTag at = from;
        while (at.compareTo(to) < 0) {
            VersionTag here = at;
            Optional<VersionStep> next = steps.stream().filter(s -> s.from().equals(here)).findFirst();
            if (next.isEmpty() || next.get().to().compareTo(to) > 0) {
                return Optional.empty();
            }
            path.add(next.get());
            at = next.get().to();
        }
        if (!at.equals(to)) {
            return Optional.empty();
        }
        // renamed: an id of `from` → its id in `to`, through every step
        Map<String, String> renamed = new HashMap<>();
        Map<String, String> removed = new HashMap<>();
        Set<String> rearmed = new HashSet<>();
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, String> originOf = new HashMap<>(); // an id as it is now → the id it had in `from`
        for (VersionStep step : path) {
            Map<String, String> nextOrigin = new HashMap<>(originOf);
            step.renamed().forEach((source, target) -> {
                String origin = originOf.getOrDefault(source, source);
                renamed.put(origin, target);
                nextOrigin.remove(source);
                nextOrigin.put(target, origin);
            });
            step.removed().forEach((source, why) -> {
                String origin = originOf.getOrDefault(source, source);
                removed.put(origin, step.to() + ": " + why);
                renamed.remove(origin);
            });
            originOf.clear();
            originOf.putAll(nextOrigin);
            // a timer rearmed by an earlier step and renamed later is rearmed under its new name
            Set<String> carried = new HashSet<>();
            for (String timer : rearmed) {
                carried.add(step.renamed().getOrDefault(timer, timer));
            }
            rearmed.clear();
            rearmed.addAll(carried);
            rearmed.addAll(step.rearmedTimers());
            variables.putAll(step.variables());
        }
        return Optional.of(new Composed(from, to, path, renamed, rearmed, removed, variables));
    }

    /**
     * The steps from one version to another as one migration: {@code renamed} and {@code removed} keyed by the ids
     * of {@code from}, {@code rearmedTimers} by the ids of {@code to}.
     */
    public record Composed(VersionTag from, VersionTag to, List<VersionStep> steps, Map<String, String> renamed,
            Set<String> rearmedTimers, Map<String, String> removed, Map<String, Object> variables) {

        public String summary() {
            return from + " → " + to;
        }
    }
}
