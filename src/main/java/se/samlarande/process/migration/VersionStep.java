package se.samlarande.process.migration;

import java.util.Map;
import java.util.Set;

/**
 * What one release of {@code bpmn/visit.bpmn} does to the instances of the release before it, beyond mapping every
 * activity to the one with the same id ({@code mapEqualActivities}).
 *
 * @param from             the version the step starts from
 * @param to               the version it reaches
 * @param summary          one line for the log and the audit trail
 * @param renamed          activities of {@code from} that live on under another id in {@code to} (source → target);
 *                         also the boundary events on a renamed activity (Camunda maps them only with it), under
 *                         their own ids if they keep them
 * @param rearmedTimers    timer events (ids in {@code to}) whose due date is computed again at migration
 *                         ({@code updateEventTrigger}); every other mapped timer keeps its due date
 * @param removed          wait states of {@code from} that {@code to} no longer has, with why no instance can be
 *                         there; an instance found there is refused, not moved somewhere else in silence
 * @param variables        process variables {@code to} needs that instances of {@code from} lack, with their value
 */
public record VersionStep(VersionTag from, VersionTag to, String summary, Map<String, String> renamed,
        Set<String> rearmedTimers, Map<String, String> removed, Map<String, Object> variables) {

    public VersionStep {
        if (from.compareTo(to) >= 0) {
            throw new IllegalArgumentException("A step goes forward: " + from + " → " + to);
        }
        renamed = Map.copyOf(renamed);
        rearmedTimers = Set.copyOf(rearmedTimers);
        removed = Map.copyOf(removed);
        variables = Map.copyOf(variables);
    }

    /** A release that keeps every activity, timer and variable of the one before. */
    static VersionStep unchanged(String from, String to, String summary) {
        return new VersionStep(VersionTag.parse(from), VersionTag.parse(to), summary, Map.of(), Set.of(), Map.of(),
                Map.of());
    }
}
