package dev.unravel.detect;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one signal step by step, so that detectors read as what they say:
 * {@code ctx.signal(ID, worker).stage(ACCESS).technique("T1133").strength(0.6).at(e).evidence(e).because("...").emit()}.
 * The time defaults to the latest evidence event's time.
 */
public final class SignalBuilder {

    /** Evidence kept per signal: enough for an analyst to open, bounded for memory. */
    public static final int MAX_EVIDENCE = 20;

    private final DetectorContext context;
    private final String detector;
    private final EntityRef subject;
    private Stage stage;
    private String technique;
    private double strength = -1;
    private Instant time;
    private String explanation;
    private final List<EventRef> evidence = new ArrayList<>();

    SignalBuilder(DetectorContext context, String detector, EntityRef subject) {
        this.context = context;
        this.detector = detector;
        this.subject = subject;
    }

    public SignalBuilder stage(Stage stage) {
        this.stage = stage;
        return this;
    }

    public SignalBuilder technique(String technique) {
        this.technique = technique;
        return this;
    }

    public SignalBuilder strength(double strength) {
        this.strength = strength;
        return this;
    }

    public SignalBuilder at(Instant time) {
        this.time = time;
        return this;
    }

    /** Adds events as evidence (beyond {@link #MAX_EVIDENCE} they are not kept). */
    public SignalBuilder evidence(Event... events) {
        for (Event e : events) {
            if (e != null) {
                add(e.origin(), e.time());
            }
        }
        return this;
    }

    public SignalBuilder evidence(Iterable<EventRef> refs) {
        for (EventRef r : refs) {
            add(r, null);
        }
        return this;
    }

    private void add(EventRef ref, Instant t) {
        if (ref != null && evidence.size() < MAX_EVIDENCE) {
            evidence.add(ref);
        }
        if (t != null && (time == null || t.isAfter(time))) {
            time = t;
        }
    }

    /** The one sentence an HR or legal reader understands. */
    public SignalBuilder because(String explanation) {
        this.explanation = explanation;
        return this;
    }

    public Signal build() {
        if (stage == null) {
            throw new IllegalStateException(detector + ": signal without a stage");
        }
        if (strength < 0) {
            throw new IllegalStateException(detector + ": signal without a strength");
        }
        if (time == null) {
            throw new IllegalStateException(detector + ": signal without a time or evidence");
        }
        return new Signal(subject, time, detector, stage, technique, strength, evidence, explanation);
    }

    public void emit() {
        context.emit(build());
    }
}
