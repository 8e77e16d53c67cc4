package dev.unravel.sim.plan;

import dev.unravel.sim.world.Person;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ground truth as the simulation unfolds: for each fraudulent worker, the first time each
 * step of the scheme happened and which source shows it. The planner records a step at the
 * moment it emits the activity that shows it, so the truth and the events cannot disagree.
 */
public final class Truth {

    /** A recorded step: when, the output folder whose records show it, and what to look for there. */
    public record Mark(Instant time, String source, String detail) {
    }

    private final Map<String, Map<Step, Mark>> steps = new LinkedHashMap<>();

    /** Records a step unless an earlier occurrence was already recorded. */
    public void mark(Person p, Step step, Instant time, String source, String detail) {
        if (!p.fraud()) {
            return;
        }
        Map<Step, Mark> marks = steps.computeIfAbsent(p.id, id -> new EnumMap<>(Step.class));
        Mark existing = marks.get(step);
        if (existing == null || time.isBefore(existing.time())) {
            marks.put(step, new Mark(time, source, detail));
        }
    }

    public Map<Step, Mark> steps(String personId) {
        return steps.getOrDefault(personId, Map.of());
    }
}
