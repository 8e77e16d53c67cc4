package dev.unravel.core;

import java.util.Objects;

/**
 * Where an event came from: the file (or stream) and the 1-based record number in it. Signals
 * cite events by reference so that evidence stays small and an analyst can open the original.
 */
public record EventRef(String file, long record) {

    public EventRef {
        Objects.requireNonNull(file, "file");
        if (record < 1) {
            throw new IllegalArgumentException("record numbers start at 1, got " + record);
        }
    }

    @Override
    public String toString() {
        return file + "#" + record;
    }
}
