package dev.unravel.detect;

import dev.unravel.core.Event;

/**
 * A detector with per-event work that needs none of its state, which the engine runs ahead of time
 * order on the threads that read the events: {@link #prepare} is called once per event it
 * {@link #reads}, on any thread and concurrently, and its result comes back to
 * {@link #onEvent(Event, Object, DetectorContext)} on the detection thread, in time order. The
 * detection thread is the one a scan cannot add cores to; matching thousands of Sigma rules there
 * held a scan to the speed of one core.
 *
 * <p>{@code prepare} must be thread-safe and must not touch the roster or any state that
 * {@code onEvent} changes; it may read what {@link #start} set up, since the engine prepares
 * nothing for a detector before its start has returned (nor for one whose start failed). What it
 * returns should be small: it waits in the reorder window with the event. Callers that do not
 * prepare ahead get the plain {@link #onEvent(Event, DetectorContext)}, which prepares inline.
 *
 * @param <P> what {@code prepare} finds; null means "nothing for this event"
 */
public interface PreparingDetector<P> extends Detector {

    /** The state-free part of reading {@code event}; null when there is nothing. Thread-safe. */
    P prepare(Event event);

    /** Reads one event with what {@link #prepare} found for it. */
    void onEvent(Event event, P prepared, DetectorContext context);

    @Override
    default void onEvent(Event event, DetectorContext context) {
        onEvent(event, prepare(event), context);
    }
}
