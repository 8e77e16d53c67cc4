package dev.unravel.detect;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import java.util.Set;

/**
 * One detector: reads events in time order and emits {@link dev.unravel.core.Signal signals}
 * through its {@link DetectorContext}. A new detector is one class implementing this, one line in
 * {@link Detectors#builtIn()}, and a test with events that must fire and near misses that must not.
 *
 * <p>Events arrive in time order within a bounded reorder window (see the engine's
 * {@code EventOrder}); an event older than one already delivered can still arrive late, so a
 * stateful detector keys its decisions on event times, never on arrival order. HR, applicant, asset
 * and payroll records are in the {@link DetectorContext#roster() roster} before the first log event
 * is delivered, so a detector can compare what a worker does with what HR declares.
 *
 * <p>A detector knows nothing of where its events came from (file, format, Flink): only the
 * envelope. State is per entity and bounded: use {@link DetectorContext#state(int)}.
 */
public interface Detector {

    /** Stable id, dotted and lower-case ({@code access.foreign-sign-in}); signals and weights use it. */
    String id();

    /** One line for listings: what it finds. */
    String description();

    /**
     * The stage of the scheme its findings belong to: by default the first part of its id
     * ({@code steal.repo-harvest}: steal); null for a detector whose findings span stages (Sigma
     * rules name theirs). What the report's coverage counts a detector that read nothing under.
     */
    default Stage stage() {
        String id = id();
        int dot = id.indexOf('.');
        return dot < 0 ? null : Stage.ofId(id.substring(0, dot));
    }

    /**
     * Event types this detector reads: exact types ({@code hr.hire}) or prefixes ending in a dot
     * ({@code sysmon.}). Empty means every event. The engine dispatches by type so a detector is
     * never called for events it does not read.
     */
    Set<String> eventTypes();

    /**
     * Called once before the first event, with the context that events will come with: read
     * settings and create per-entity state ({@link DetectorContext#state(int)}) here, not on the
     * first event. The roster may still be filling; read it in {@link #onEvent}.
     */
    default void start(DetectorContext context) {
    }

    /** Reads one event; may emit signals through {@code context}. */
    void onEvent(Event event, DetectorContext context);

    /**
     * Called after the last event: detectors that decide over a whole period (working-hours
     * fingerprints, shared identifiers) emit here. Also called mid-stream, any number of times, for a
     * report as things stand (a job that scores as it goes): it must leave the detector's state as it
     * found it, so that the events that follow and the last call give what they would have given
     * without it. Work on copies of what an event would change (an open day's count, say).
     */
    default void finish(DetectorContext context) {
    }

    /**
     * In words, the data this detector reads ("USB and monitor inventories (osquery usb_devices, …)"):
     * what a report names when the detector read nothing, so that a quiet result over logs that never
     * held that data is not taken for a clean one. Null only for detectors whose data varies (Sigma).
     */
    default String needs() {
        return null;
    }

    /**
     * Checks this detector's settings before the first event, so that a wrong setting (a file
     * that does not exist) stops a scan at once with a clear message instead of failing on every
     * event. Throws {@link IllegalArgumentException} naming the setting. Most detectors need none.
     */
    default void check(Settings settings) {
    }

    /** True when this detector reads events of {@code type}. */
    default boolean reads(String type) {
        Set<String> types = eventTypes();
        if (types.isEmpty() || types.contains(type)) {
            return true;
        }
        for (String t : types) {
            if (t.endsWith(".") && type.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /** Convenience for {@link #eventTypes()}. */
    static Set<String> types(String... types) {
        return Set.of(types);
    }
}
