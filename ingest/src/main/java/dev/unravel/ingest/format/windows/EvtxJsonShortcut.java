package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.json.JsonBytesParser.Token;
import dev.unravel.ingest.read.JsonLineParser;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Times;
import java.time.Instant;

/**
 * evtx_dump's one-line records read straight into {@link WindowsEvents}' flat document, without
 * the tree of about ten small maps per record ({@code Event}, {@code System}, {@code Provider},
 * their {@code #attributes}, {@code EventData}) that {@link EvtxJsonReader#convert} builds and then
 * takes apart: that tree was about a third of reading a Sysmon line.
 *
 * <p>It takes only the common shape — {@code {"Event": {"#attributes": …, "System": {…},
 * "EventData": {…}}}} with scalar values, System values optionally wrapped as
 * {@code {"#attributes": …, "#text": v}} — and builds exactly what the general path builds (same
 * fields, same order, same values). Anything else declines the record to the general path: a
 * repeated key, EventData as a {@code Data} list or with nested values, {@code UserData}, xmltodict's
 * {@code @Name} attributes, an event id or time the general path would reject. It pulls the
 * line's tokens from {@link JsonLineParser} (bytes to values, no Jackson parser per line); values
 * it ignores are still read and checked token by token, so the limits apply as on the general path.
 */
final class EvtxJsonShortcut implements JsonRecords.Shortcut {

    static final EvtxJsonShortcut INSTANCE = new EvtxJsonShortcut();

    /** A value the shortcut does not take: the record goes to the general path. */
    private static final Object DECLINE = new Object();

    // System values, in the order EvtxJsonReader.convert puts them into the document
    private static final int EVENT_ID = 0;
    private static final int CHANNEL = 1;
    private static final int COMPUTER = 2;
    private static final int PROVIDER_NAME = 3;
    private static final int PROVIDER_GUID = 4;
    private static final int RECORD_ID = 5;
    private static final int VERSION = 6;
    private static final int LEVEL = 7;
    private static final int TASK = 8;
    private static final int OPCODE = 9;
    private static final int KEYWORDS = 10;
    private static final int TIME = 11;
    private static final int PROCESS_ID = 12;
    private static final int THREAD_ID = 13;
    private static final int USER_ID = 14;
    private static final String[] SYSTEM_NAMES = {"EventID", "Channel", "Computer", "Provider_Name",
        "Provider_Guid", "EventRecordID", "Version", "Level", "Task", "Opcode", "Keywords", "TimeCreated",
        "ProcessID", "ThreadID", "UserID"};

    private EvtxJsonShortcut() {
    }

    /** Per reader thread: the System values and EventData pairs of the record being read. */
    private static final class Scratch {
        final Object[] system = new Object[SYSTEM_NAMES.length];
        /** Bits of System keys seen, so that a repeated one declines. */
        int seen;
        Object[] data = new Object[128];
        int pairs;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public Event read(JsonLineParser p, EventRef origin) {
        Scratch s = SCRATCH.get(); // left cleared by the last record's finally
        s.seen = 0;
        s.pairs = 0;
        try {
            boolean event = false;
            Token t;
            while ((t = p.nextToken()) == Token.FIELD_NAME) {
                String key = p.currentName();
                Token v = p.nextToken();
                if (key.equals("Event")) {
                    if (event || v != Token.START_OBJECT || !event(p, s)) {
                        return null;
                    }
                    event = true;
                } else if (!skip(p, v)) {
                    return null;
                }
            }
            return event && t == Token.END_OBJECT ? build(s, origin) : null;
        } finally {
            java.util.Arrays.fill(s.data, 0, 2 * s.pairs, null); // nothing of the record stays reachable
            java.util.Arrays.fill(s.system, null);
        }
    }

    private static boolean event(JsonLineParser p, Scratch s) {
        boolean system = false;
        boolean data = false;
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String key = p.currentName();
            Token v = p.nextToken();
            switch (key) {
                case "System" -> {
                    if (system || v != Token.START_OBJECT || !system(p, s)) {
                        return false;
                    }
                    system = true;
                }
                case "EventData" -> {
                    if (data || !eventData(p, v, s)) {
                        return false;
                    }
                    data = true;
                }
                case "UserData" -> {
                    return false;
                }
                default -> {
                    if (!skip(p, v)) {
                        return false;
                    }
                }
            }
        }
        return system && t == Token.END_OBJECT;
    }

    private static boolean system(JsonLineParser p, Scratch s) {
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String key = p.currentName();
            Token v = p.nextToken();
            boolean ok = switch (key) {
                case "EventID" -> put(s, EVENT_ID, wrapped(p, v));
                case "Channel" -> put(s, CHANNEL, wrapped(p, v));
                case "Computer" -> put(s, COMPUTER, wrapped(p, v));
                case "EventRecordID" -> put(s, RECORD_ID, wrapped(p, v));
                case "Version" -> put(s, VERSION, wrapped(p, v));
                case "Level" -> put(s, LEVEL, wrapped(p, v));
                case "Task" -> put(s, TASK, wrapped(p, v));
                case "Opcode" -> put(s, OPCODE, wrapped(p, v));
                case "Keywords" -> put(s, KEYWORDS, wrapped(p, v));
                case "Provider" -> attributes(p, v, s, "Name", PROVIDER_NAME, "Guid", PROVIDER_GUID);
                case "Execution" -> attributes(p, v, s, "ProcessID", PROCESS_ID, "ThreadID", THREAD_ID);
                case "Security" -> attributes(p, v, s, "UserID", USER_ID, null, -1);
                case "TimeCreated" -> timeCreated(p, v, s);
                default -> skip(p, v);
            };
            if (!ok) {
                return false;
            }
        }
        return t == Token.END_OBJECT;
    }

    private static boolean put(Scratch s, int index, Object value) {
        if (value == DECLINE || (s.seen & (1 << index)) != 0) {
            return false;
        }
        s.seen |= 1 << index;
        s.system[index] = value;
        return true;
    }

    /** A scalar, or {@code {"#attributes": …, "#text": scalar}} as its scalar ({@code WindowsEvents.unwrap}). */
    private static Object wrapped(JsonLineParser p, Token v) {
        if (v != Token.START_OBJECT) {
            return scalar(p, v);
        }
        Object text = DECLINE;
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String key = p.currentName();
            Token inner = p.nextToken();
            if (key.equals("#text") && text == DECLINE) {
                text = scalar(p, inner);
                if (text == DECLINE) {
                    return DECLINE;
                }
            } else if (!key.equals("#attributes") || !skip(p, inner)) {
                return DECLINE;
            }
        }
        return t == Token.END_OBJECT ? text : DECLINE;
    }

    /**
     * {@code {"#attributes": {"Name": …, "Guid": …}}}: the two attributes into their slots (a
     * missing one stays null, as {@code WindowsEvents.attribute} gives). Null is a node without
     * attributes; a key of xmltodict's {@code @Name} form, a repeat, or a nested value declines.
     */
    private static boolean attributes(JsonLineParser p, Token v, Scratch s, String first, int firstIndex,
            String second, int secondIndex) {
        if (v == Token.VALUE_NULL) {
            return mark(s, firstIndex) && (secondIndex < 0 || mark(s, secondIndex));
        }
        if (v != Token.START_OBJECT || !mark(s, firstIndex) || secondIndex >= 0 && !mark(s, secondIndex)) {
            return false;
        }
        boolean attrs = false;
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String key = p.currentName();
            Token inner = p.nextToken();
            if (key.equals("#attributes")) {
                if (attrs || inner != Token.START_OBJECT) {
                    return false;
                }
                attrs = true;
                boolean sawFirst = false;
                boolean sawSecond = false;
                Token a;
                while ((a = p.nextToken()) == Token.FIELD_NAME) {
                    String name = p.currentName();
                    Token av = p.nextToken();
                    if (name.equals(first) || name.equals(second)) {
                        boolean isFirst = name.equals(first);
                        if (isFirst ? sawFirst : sawSecond) {
                            return false;
                        }
                        Object value = scalar(p, av);
                        if (value == DECLINE) {
                            return false;
                        }
                        s.system[isFirst ? firstIndex : secondIndex] = value;
                        if (isFirst) {
                            sawFirst = true;
                        } else {
                            sawSecond = true;
                        }
                    } else if (!skip(p, av)) {
                        return false;
                    }
                }
                if (a != Token.END_OBJECT) {
                    return false;
                }
            } else if (key.startsWith("@") || !skip(p, inner)) {
                return false;
            }
        }
        return t == Token.END_OBJECT;
    }

    private static boolean mark(Scratch s, int index) {
        if ((s.seen & (1 << index)) != 0) {
            return false;
        }
        s.seen |= 1 << index;
        return true;
    }

    /** {@code {"#attributes": {"SystemTime": …}}}, or the time as the element's text. */
    private static boolean timeCreated(JsonLineParser p, Token v, Scratch s) {
        if (v == Token.VALUE_STRING) {
            return put(s, TIME, p.getText());
        }
        return v == Token.START_OBJECT && attributes(p, v, s, "SystemTime", TIME, null, -1);
    }

    /** EventData as a map of names to scalars; absent, null or scalar EventData gives no fields. */
    private static boolean eventData(JsonLineParser p, Token v, Scratch s) {
        if (v != Token.START_OBJECT) {
            return v != Token.START_ARRAY && scalar(p, v) != DECLINE;
        }
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String key = p.currentName();
            Token inner = p.nextToken();
            if (key.equals("#attributes") || key.startsWith("@") || key.equals("xmlns")) {
                if (!skip(p, inner)) {
                    return false;
                }
                continue;
            }
            if (key.equals("Data") || key.equals("#text")) {
                return false;
            }
            Object value = scalar(p, inner);
            if (value == DECLINE) {
                return false;
            }
            if (2 * s.pairs + 2 > s.data.length) {
                s.data = java.util.Arrays.copyOf(s.data, s.data.length * 2);
            }
            s.data[2 * s.pairs] = key;
            s.data[2 * s.pairs + 1] = value;
            s.pairs++;
        }
        return t == Token.END_OBJECT;
    }

    /** The value as the general path's tree holds it, or DECLINE for an object or array. */
    private static Object scalar(JsonLineParser p, Token v) {
        return switch (v) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> DECLINE;
        };
    }

    /**
     * Passes over a value the general path ignores (the tokens read and check every string and
     * number in it, so the limits apply alike; a value cut short declines). Always true: it sits
     * in the checks that decline.
     */
    private static boolean skip(JsonLineParser p, Token v) {
        p.skipChildren(v);
        return true;
    }

    /** What {@link EvtxJsonReader#convert} does once it has the tree; null where it would throw. */
    private static Event build(Scratch s, EventRef origin) {
        Object[] sys = s.system;
        int eventId;
        Instant time;
        try {
            eventId = WindowsEvents.eventId(sys[EVENT_ID], "Event.System.EventID");
        } catch (RecordException e) {
            return null;
        }
        Object systemTime = sys[TIME];
        if (systemTime == null || systemTime.toString().isBlank()) {
            return null;
        }
        time = Times.parse(systemTime);
        if (time == null) {
            return null;
        }
        WindowsEvents.Doc d = new WindowsEvents.Doc(SYSTEM_NAMES.length + s.pairs);
        d.systemScalar(SYSTEM_NAMES[EVENT_ID], eventId);
        for (int i = CHANNEL; i < TIME; i++) {
            d.systemScalar(SYSTEM_NAMES[i], sys[i]);
        }
        d.systemScalar(SYSTEM_NAMES[TIME], systemTime.toString());
        for (int i = PROCESS_ID; i <= USER_ID; i++) {
            d.systemScalar(SYSTEM_NAMES[i], sys[i]);
        }
        Object[] data = s.data;
        for (int i = 0; i < s.pairs; i++) {
            String name = (String) data[2 * i];
            if (!name.isEmpty()) {
                d.dataScalar("EventData", name, data[2 * i + 1]);
            }
        }
        return WindowsEvents.event(d, eventId, time, origin);
    }
}
