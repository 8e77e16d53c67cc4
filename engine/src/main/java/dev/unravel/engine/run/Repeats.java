package dev.unravel.engine.run;

import dev.unravel.core.Event;

/**
 * Data read twice, recognised where a reader of exports meets it: rows of an HR, applicant or asset
 * export read again unchanged ({@link RepeatedRecords}), and copies of log events — asked as events
 * arrive (the same day's file twice, before anything counts them) and again once a reorder window
 * has put them in time order (two days' exports that overlap at midnight, whose copies arrive a file
 * apart) ({@link RepeatedLogs}). What a scan and triage share.
 */
public final class Repeats {
    private final RepeatedRecords rows = new RepeatedRecords();
    private final RepeatedLogs arriving = new RepeatedLogs();
    private final RepeatedLogs ordered = new RepeatedLogs();

    /** As {@code e} arrives: whether it is a row read before, unchanged, or a copy of a log event of its instant. */
    public boolean arriving(Event e, boolean record) {
        return record ? !rows.firstTime(e) : arriving.repeated(e);
    }

    /** As a log event leaves the reorder window, in time order: whether it is a copy of one before it. */
    public boolean released(Event e) {
        return ordered.repeated(e);
    }

    /** Rows recognised as read before and not passed on. */
    public long records() {
        return rows.repeated();
    }

    /** Log events recognised as copies and not passed on. */
    public long logs() {
        return arriving.repeated() + ordered.repeated();
    }
}
