package dev.unravel.detect;

import dev.unravel.core.Signal;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.detect.roster.Roster;

/**
 * What a detector can see and do besides reading its events: the roster of declared workers, its
 * settings, bounded per-entity state, and the sink for its signals. The engine gives each detector
 * its own context, so counts (signals, evictions, skipped records) are per detector.
 */
public interface DetectorContext {

    /** Workers and applicants as HR, the ATS, asset and payroll records declare them. */
    Roster roster();

    /**
     * Which device held which network address when, from every detector's events alike (osquery
     * interface addresses, Sysmon connections, DHCP leases): how a record that names only an
     * address (Zeek) is read as the laptop's. Shared by all detectors; read it, never fill it.
     */
    DeviceAddresses addresses();

    /** This detector's settings from the configuration file, with the defaults it asks for. */
    Settings settings();

    /** Sends a finished signal on. */
    void emit(Signal signal);

    /** Starts a signal from this detector about {@code subject}; finish it with {@link SignalBuilder#emit()}. */
    default SignalBuilder signal(String detectorId, dev.unravel.core.EntityRef subject) {
        return new SignalBuilder(this, detectorId, subject);
    }

    /**
     * Per-entity state holding at most {@code maxEntries} entries; the least recently used entry
     * is evicted beyond that and the eviction is counted in the scan's statistics, never silent.
     */
    <K, V> PerEntity<K, V> state(int maxEntries);

    /**
     * Counts a record this detector could not use and why ("phone without country"), so weakened
     * or skipped checks show in the scan's statistics instead of vanishing.
     */
    void skipped(String reason);

    /**
     * Says something about the data as a whole rather than about anyone ("ScreenConnect, not
     * approved, ran on 432 computers: …"): shown once in the report with the detector's counts. A
     * note under the same {@code key} replaces the one before. Meant for {@link Detector#finish}.
     */
    default void note(String key, String text) {
    }
}
