package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A device manager's inventory exported at the end of each UTC day, as a daily collection of its
 * API would keep it: each managed laptop that checked in that day, one a line in host-name order,
 * as its last check-in left it — when, and the public address the manager saw it come from (the
 * network the laptop is on: a home, the farm, an office, a hotel). A laptop checks in while it is
 * online, so its network flows are its check-ins.
 */
abstract class DailyCheckInWriter extends DayEndWriter {
    /** The day's last check-in of each managed laptop, by host name. */
    private final Map<String, CheckIn> today = new TreeMap<>();
    protected final TextBuffer text = new TextBuffer();

    /** A laptop's last check-in of the day. */
    record CheckIn(Host host, Person person, Instant time, String publicIp) {
    }

    DailyCheckInWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        super(dir, source, pathForDay);
    }

    /** Whether the manager manages {@code host} (Jamf the Macs, Fleet every laptop with osquery). */
    abstract boolean manages(Host host);

    /** Writes the record of {@code c} as the manager's API gives it, into the open object. */
    abstract void record(JsonGenerator g, CheckIn c) throws IOException;

    @Override
    public final void accept(Activity activity) throws IOException {
        if (activity instanceof NetFlow f && f.publicIp() != null && manages(f.host())) {
            today.put(f.host().hostname(), new CheckIn(f.host(), f.person(), f.time(), f.publicIp()));
        }
    }

    /** The day's export: every laptop that checked in, as its last check-in left it. */
    @Override
    protected final void flush() throws IOException {
        for (CheckIn c : today.values()) {
            record(out.begin(), c);
            out.end();
        }
        today.clear();
    }
}
