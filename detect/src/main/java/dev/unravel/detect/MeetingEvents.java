package dev.unravel.detect;

import dev.unravel.core.Event;
import java.util.Set;

/**
 * The meeting services' records of who joined a call — Zoom's participants, a participant's session
 * of a Microsoft Teams call — as the readers type them: one list, so that a new service is a line
 * here and reaches every detector that reads calls. The readers give both the same names for the
 * devices ({@code camera}, {@code microphone}, {@code speaker}) and put the computer in the event's
 * host; the network card's field is each service's own.
 */
public final class MeetingEvents {
    private MeetingEvents() {
    }

    /** A Zoom participant record and a Teams participant's session, as the readers type them. */
    public static final String ZOOM = "zoom.participant";
    public static final String TEAMS = "teams.participant";

    /** Every meeting record's type. */
    public static final Set<String> TYPES = Set.of(ZOOM, TEAMS);

    /** Whether {@code e} is someone in a meeting. */
    public static boolean isMeeting(Event e) {
        return TYPES.contains(e.type());
    }

    /** The MAC address of the computer's network card as the service gives it, or null. */
    public static Object macAddress(Event e) {
        return e.field(ZOOM.equals(e.type()) ? "mac_addr" : "macAddress");
    }

    /** Which service's records an explanation points to ("Zoom's participant records"). */
    public static String records(Event e) {
        return ZOOM.equals(e.type()) ? "Zoom's participant records" : "Teams' call records";
    }
}
