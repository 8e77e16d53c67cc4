package dev.unravel.detect.steal;

import dev.unravel.detect.roster.Normalise;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.ProxyLogs;
import dev.unravel.detect.Settings;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.roster.DeviceAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bytes sent out of the company far above what other computers send, from Zeek conn records, web
 * proxy logs (Zscaler, Cisco Umbrella: the bytes each request sent, {@code cs-bytes}), Zscaler's
 * firewall log ({@code outbytes}), Cloudflare's Zero Trust network sessions (the bytes the client
 * sent, {@code cs-bytes}) and Cloudflare Gateway's HTTP log (the files it saw uploaded) — every log
 * {@link ProxyLogs} gives a byte count for —, what the proxy or firewall refused left out: per source, the
 * most bytes sent to outside addresses in one UTC day, compared in {@link #finish} with every other
 * source (median + {@code k} scaled MADs, at least {@code min_bytes}). It needs no list of
 * services, so it also sees uploads to a server the worker runs themselves; screen streaming to a
 * remote-control relay shows here too.
 *
 * <p>A Zeek source is an internal address, tied to a device, as in {@link CloudUploadDetector},
 * through the Sysmon network events that name both. A proxy source is the device the log names,
 * else the account, else the client address: the proxy's agent sees a laptop wherever it is, and
 * a laptop farm's laptops share one address. A computer both Zeek and the proxy see (its address
 * tied to the device it is) counts once, by the busiest day either log saw: never the sum of both
 * logs' view of one upload, and one signal.
 */
public final class OutboundVolumeDetector implements Detector {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = ProxyLogs.with(log -> log.sentField() != null, "conn");

    public static final String ID = "steal.outbound-volume";

    private Settings settings;
    private PerEntity<String, Volume> sources;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "Zeek conn logs, web proxy logs (Zscaler, Cisco Umbrella, Cloudflare Gateway's uploads), Zscaler's "
                + "firewall log or Cloudflare's Zero Trust network sessions";
    }

    @Override
    public String description() {
        return "Daily bytes sent to the Internet per computer far above other computers (Zeek conn, web proxies)";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        sources = ctx.state(settings.integer("max_sources", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (!"conn".equals(e.type())) {
            proxied(e, ProxyLogs.of(e.type()), ctx);
            return;
        }
        Map<String, Object> d = e.document();
        if (!(d.get("id.orig_h") instanceof String client) || !(d.get("id.resp_h") instanceof String server)) {
            ctx.skipped("conn record without addresses");
            return;
        }
        if (!CloudUploadDetector.isInternal(client) || CloudUploadDetector.isInternal(server)) {
            return;
        }
        long bytes = d.get("orig_bytes") instanceof Number n ? n.longValue() : 0;
        if (bytes <= 0) {
            return;
        }
        Volume v = sources.get(client, k -> new Volume());
        if (add(v, bytes, e)) {
            // Who held the address is read when the large transfer happens: addresses move on.
            DeviceAddresses.Holder h = ctx.addresses().holderAt(client, e.time());
            if (h != null) {
                v.todayHost = h.device();
                v.todayHow = h.at(client);
            }
        }
    }

    /**
     * A web proxy's transaction or a cloud firewall's session: the bytes it sent, counted for the
     * device, account or address. A firewall's sources are apart from a proxy's (a web session can be
     * in both logs) and meet them only as one computer in {@link #finish}.
     */
    private void proxied(Event e, ProxyLogs.Log proxy, DetectorContext ctx) {
        if (CloudUploadDetector.blocked(e)) {
            return;
        }
        // A firewall's or network session log holds every connection, web ones too
        boolean firewall = proxy.kind() == ProxyLogs.Kind.FIREWALL;
        long bytes = e.field(proxy.sentField()) instanceof Number n ? n.longValue() : 0;
        if (bytes <= 0) {
            return;
        }
        String host = blankToNull(e.host());
        String account = host == null ? blankToNull(e.user()) : null;
        String ip = blankToNull(e.sourceIp());
        String source = host != null ? deviceSource(host, firewall)
                : account != null ? (firewall ? FIREWALL : "") + "account " + account.toLowerCase(Locale.ROOT)
                : ip != null ? (firewall ? FIREWALL : "") + ip : null;
        if (source == null) {
            ctx.skipped("web proxy or firewall record with no device, account or client address");
            return;
        }
        Volume v = sources.get(source, k -> {
            Volume created = new Volume();
            created.device = host;
            created.account = account;
            return created;
        });
        add(v, bytes, e);
    }

    /**
     * Which computer a source is: its device by short name (Sysmon's {@code NWL-LT-9.corp.example.com}
     * and a proxy's {@code NWL-LT-9} are one), else the account, else the address.
     */
    private static String computer(String key, Volume v) {
        String device = v.device != null ? v.device : v.bestHost;
        if (device != null) {
            return "device " + Normalise.deviceName(device);
        }
        if (v.account != null) {
            return "account " + v.account.toLowerCase(Locale.ROOT);
        }
        return key.startsWith(FIREWALL) ? key.substring(FIREWALL.length()) : key;
    }

    /** The last device's source key, by its name as the log wrote it: a proxy log names a device thousands of times a day. */
    private String lastHost;
    private boolean lastFirewall;
    private String lastSource;

    private String deviceSource(String host, boolean firewall) {
        if (!host.equals(lastHost) || firewall != lastFirewall) {
            lastHost = host;
            lastFirewall = firewall;
            lastSource = (firewall ? FIREWALL : "") + "device " + Normalise.deviceName(host);
        }
        return lastSource;
    }

    /** What a cloud firewall's source keys start with, apart from a proxy's. */
    private static final String FIREWALL = "firewall ";

    /** Adds a transfer to its source's day; true when it is large enough to be evidence. */
    private static boolean add(Volume v, long bytes, Event e) {
        long day = Math.floorDiv(e.time().getEpochSecond(), 86_400L);
        if (day > v.day) {
            v.closeDay();
            v.day = day;
        }
        v.today += bytes;
        v.todayLast = e.time();
        // The evidence is the day's large transfers, not its thousands of small ones.
        if (bytes < 1_000_000) {
            return false;
        }
        if (v.todayEvidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
            v.todayEvidence.add(e.origin());
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void finish(DetectorContext ctx) {
        if (sources == null || sources.size() == 0) {
            return;
        }
        // On copies with the open day closed: finish may also come mid-stream, and the day goes on.
        // A computer Zeek and the proxy both saw is one computer: of its sources, the busiest day
        // any one log saw is its figure, in the comparison with the others and in the signal.
        Map<String, Map.Entry<String, Volume>> byComputer = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Volume> en : sources.entries()) {
            Volume v = en.getValue().closed();
            byComputer.merge(computer(en.getKey(), v), Map.entry(en.getKey(), v),
                    (a, b) -> b.getValue().best > a.getValue().best ? b : a);
        }
        List<Map.Entry<String, Volume>> all = new ArrayList<>(byComputer.values());
        double[] best = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            best[i] = all.get(i).getValue().best;
        }
        double median = RepoHarvestDetector.median(best);
        double[] dev = Arrays.stream(best).map(b -> Math.abs(b - median)).toArray();
        double spread = Math.max(1.4826 * RepoHarvestDetector.median(dev), 0.1 * median);
        double threshold = Math.max(settings.number("min_bytes", 50_000_000),
                median + settings.number("mad_factor", 10) * spread);
        double large = settings.number("large_bytes", 1_000_000_000);
        if (all.size() < settings.integer("min_peers", 20)) {
            ctx.skipped("too few computers to compare outbound volume with");
            return;
        }
        for (Map.Entry<String, Volume> en : all) {
            Volume v = en.getValue();
            if (v.best < threshold) {
                continue;
            }
            String ip = en.getKey();
            String host = v.device != null ? v.device : v.bestHost;
            String worker = host == null ? null : ctx.roster().workerIdOfHost(host);
            if (worker == null && v.account != null) {
                worker = ctx.roster().workerIdOfAccount(v.account);
            }
            EntityRef subject = worker != null ? EntityRef.worker(worker)
                    : host != null ? new EntityRef(EntityRef.Kind.HOST, host)
                    : v.account != null ? new EntityRef(EntityRef.Kind.ACCOUNT, v.account)
                    : new EntityRef(EntityRef.Kind.IP, ip);
            double strength = v.best >= large ? settings.number("large_strength", 0.45)
                    : settings.number("strength", 0.25);
            long times = Math.round(v.best / Math.max(1, median));
            ctx.signal(ID, subject).stage(Stage.STEAL).strength(strength).at(v.bestLast).evidence(v.bestEvidence)
                    .because((host != null ? "Device " + host + (v.bestHow != null ? " (" + v.bestHow + ")" : "")
                            : v.account != null ? "The account " + v.account : "The computer at " + ip) + " sent "
                            + CloudUploadDetector.size(v.best) + " out of the company in one day, about " + times
                            + " times what a typical computer sends (" + CloudUploadDetector.size((long) median) + ").")
                    .emit();
        }
    }

    /** One address's bytes out: today's running total and the largest day so far. */
    static final class Volume {
        /** The device or account a proxy source is (null for a Zeek address). */
        String device;
        String account;
        long day = Long.MIN_VALUE;
        long today;
        Instant todayLast;
        final List<EventRef> todayEvidence = new ArrayList<>();
        long best;
        Instant bestLast;
        List<EventRef> bestEvidence = List.of();
        String todayHost;
        String bestHost;
        /** How the address was tied to the device ({@link DeviceAddresses.Holder#at}). */
        String todayHow;
        String bestHow;

        /** A copy of this address's figures with the open day closed; this one is left as it is. */
        Volume closed() {
            Volume c = new Volume();
            c.device = device;
            c.account = account;
            c.day = day;
            c.today = today;
            c.todayLast = todayLast;
            c.todayEvidence.addAll(todayEvidence);
            c.todayHost = todayHost;
            c.todayHow = todayHow;
            c.best = best;
            c.bestLast = bestLast;
            c.bestEvidence = bestEvidence;
            c.bestHost = bestHost;
            c.bestHow = bestHow;
            c.closeDay();
            return c;
        }

        void closeDay() {
            if (today > best) {
                best = today;
                bestLast = todayLast;
                bestEvidence = List.copyOf(todayEvidence);
                bestHost = todayHost;
                bestHow = todayHow;
            }
            today = 0;
            todayHost = null;
            todayHow = null;
            todayEvidence.clear();
        }
    }
}
