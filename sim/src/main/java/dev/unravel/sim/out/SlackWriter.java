package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slack's access logs as a daily collection writes them ({@code team.accessLogs}, each entry with the
 * account's {@code email} added, as {@code unravel collect slack} does): everyone opens Slack where
 * they sign in, so each successful sign-in is a use of Slack from its address — the desktop client on
 * the company laptop, the browser elsewhere. An entry is one account, address and client; each day
 * the entries used that day are written again, grown: the first use ever, that day's last, the uses
 * so far. One file per day, {@code slack/access-YYYY-MM-DD.ndjson}.
 */
public final class SlackWriter extends DayEndWriter {

    /** The uses of one account from one address with one client. */
    private static final class Entry {
        final Person person;
        final SignIn first;
        final String client;
        Instant last;
        long count;

        Entry(SignIn first, String client) {
            this.person = first.person();
            this.first = first;
            this.client = client;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** The entries used today, in the order of their first use today. */
    private final Map<String, Entry> today = new LinkedHashMap<>();

    public SlackWriter(OutputDir dir) {
        super(dir, "slack", day -> "slack/access-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) {
        if (!(activity instanceof SignIn s) || !s.success()) {
            return;
        }
        String client = client(s);
        String key = s.person().workEmail + "|" + s.ip() + "|" + client;
        Entry e = entries.computeIfAbsent(key, k -> new Entry(s, client));
        e.last = s.time();
        e.count++;
        today.putIfAbsent(key, e);
    }

    @Override
    protected void flush() throws IOException {
        for (Entry e : today.values()) {
            write(e);
        }
        today.clear();
    }

    private void write(Entry e) throws IOException {
        Person p = e.person;
        JsonGenerator g = out.begin();
        g.writeStringField("user_id", "U0" + Long.toString(4_000_000L + p.index, 36)
                .toUpperCase(java.util.Locale.ROOT));
        g.writeStringField("username", p.username);
        g.writeNumberField("date_first", e.first.time().getEpochSecond());
        g.writeNumberField("date_last", e.last.getEpochSecond());
        g.writeNumberField("count", e.count);
        g.writeStringField("ip", e.first.ip());
        g.writeStringField("user_agent", e.client);
        g.writeStringField("isp", e.first.network().org());
        g.writeStringField("country", e.first.place().country());
        g.writeStringField("region", e.first.place().region());
        g.writeStringField("email", p.workEmail);
        out.end();
    }

    /** Slack's desktop client on the company laptop, the browser the sign-in came from elsewhere. */
    private static String client(SignIn s) {
        if (!s.managed() || s.person().laptop == null) {
            return s.userAgent();
        }
        return s.person().laptop.windows()
                ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.105 "
                        + "Chrome/130.0.6723.191 Electron/33.2.1 Safari/537.36 Sonic Slack_SSB/4.41.105"
                : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Slack/4.41.105 Chrome/130.0.6723.191 Electron/33.2.1 Safari/537.36 Sonic Slack_SSB/4.41.105";
    }
}
