package dev.unravel.engine.run;

import dev.unravel.core.Event;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Roster;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the logs show each worker doing, independent of any detector: events per UTC hour (the
 * report draws it against the declared time zone), first and last activity, and which source IPs
 * their sign-ins came from, so that a signal about an IP used by one worker only resolves to them.
 * Bounded: one entry per roster worker, and at most {@code maxIps} IPs.
 */
public final class Activity {

    /** More workers than this behind one IP make it shared (office, VPN exit): it resolves to no one. */
    static final int MAX_WORKERS_PER_IP = 3;

    /** One worker's activity. */
    public static final class Worker {
        final int[] byHourUtc = new int[24];
        long events;
        // seconds and nanoseconds, not Instants: every event compares against them, and an
        // Instant is another object to load
        long firstSecond = Long.MAX_VALUE;
        int firstNano;
        long lastSecond = Long.MIN_VALUE;
        int lastNano;

        public int[] byHourUtc() {
            return byHourUtc.clone();
        }

        public long events() {
            return events;
        }

        public Instant first() {
            return events == 0 ? null : Instant.ofEpochSecond(firstSecond, firstNano);
        }

        public Instant last() {
            return events == 0 ? null : Instant.ofEpochSecond(lastSecond, lastNano);
        }
    }

    private final Roster roster;
    private final Map<String, Worker> workers = new HashMap<>();
    private final PerEntity<String, String[]> ips;
    private long resolved;
    private long unresolved;

    public Activity(Roster roster, int maxIps) {
        this.roster = roster;
        this.ips = new PerEntity<>(maxIps);
    }

    /** Takes one log event (records are not activity); returns the worker it resolved to, or null. */
    public String accept(Event e) {
        String id = roster.workerIdOf(e);
        if (id == null) {
            if (e.user() != null || e.host() != null) {
                unresolved++;
            }
            return null;
        }
        resolved++;
        Worker w = workers.computeIfAbsent(id, k -> new Worker());
        w.events++;
        Instant t = e.time();
        long second = t.getEpochSecond();
        int nano = t.getNano();
        w.byHourUtc[(int) Math.floorMod(second / 3600, 24)]++;
        if (second < w.firstSecond || (second == w.firstSecond && nano < w.firstNano)) {
            w.firstSecond = second;
            w.firstNano = nano;
        }
        if (second > w.lastSecond || (second == w.lastSecond && nano > w.lastNano)) {
            w.lastSecond = second;
            w.lastNano = nano;
        }
        String ip = e.sourceIp();
        if (ip != null && signInSource(e.source())) {
            String[] seen = ips.get(ip, k -> new String[0]);
            if (seen.length <= MAX_WORKERS_PER_IP && !contains(seen, id)) {
                String[] more = java.util.Arrays.copyOf(seen, seen.length + 1);
                more[seen.length] = id;
                ips.put(ip, more);
            }
        }
        return id;
    }

    /** Whether the source's source IP is the worker's own network, not an internal sensor address. */
    private static boolean signInSource(String source) {
        return dev.unravel.detect.access.SignInEvents.SOURCES.contains(source);
    }

    private static boolean contains(String[] a, String s) {
        for (String x : a) {
            if (x.equals(s)) {
                return true;
            }
        }
        return false;
    }

    public Worker of(String workerId) {
        return workers.get(workerId);
    }

    /** The one worker whose sign-ins used {@code ip}, or null when none or several did. */
    public String onlyWorkerBehind(String ip) {
        String[] seen = ips.peek(ip);
        return seen != null && seen.length == 1 ? seen[0] : null;
    }

    /** Workers seen behind {@code ip} (at most {@link #MAX_WORKERS_PER_IP} + 1). */
    public String[] workersBehind(String ip) {
        String[] seen = ips.peek(ip);
        return seen == null ? new String[0] : seen.clone();
    }

    /** Log events with an account or device that resolved to a roster worker. */
    public long resolvedEvents() {
        return resolved;
    }

    /** Log events with an account or device that did not. */
    public long unresolvedEvents() {
        return unresolved;
    }

    public long ipEvictions() {
        return ips.evictions();
    }
}
