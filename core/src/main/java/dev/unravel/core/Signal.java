package dev.unravel.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finding from one detector: what it is about, when, which stage of the scheme it belongs
 * to, how strong it is, the events that show it, and one sentence an HR or legal reader
 * understands.
 *
 * @param subject     the worker or entity the finding is about
 * @param time        when the behaviour happened (the time of the deciding event), in UTC
 * @param detector    the detector or rule id that produced it
 * @param stage       the scheme stage
 * @param technique   an ATT&amp;CK technique id such as {@code T1219}, or null where none fits
 * @param strength    how much this alone suggests fraud, in [0, 1]
 * @param evidence    the events that show it; never empty
 * @param explanation one plain sentence
 */
public record Signal(
        EntityRef subject,
        Instant time,
        String detector,
        Stage stage,
        String technique,
        double strength,
        List<EventRef> evidence,
        String explanation) {

    public Signal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(explanation, "explanation");
        if (!(strength >= 0.0 && strength <= 1.0)) {
            throw new IllegalArgumentException("strength must be in [0, 1], got " + strength + " from " + detector);
        }
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a signal needs at least one evidence event: " + detector);
        }
        if (explanation.isBlank()) {
            throw new IllegalArgumentException("a signal needs an explanation: " + detector);
        }
    }
}
