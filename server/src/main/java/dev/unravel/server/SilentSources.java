package dev.unravel.server;

import dev.unravel.core.Count;
import dev.unravel.store.Store;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the team when a source that sends logs falls silent, once, and once more when it sends
 * again: a stopped feed is a blind spot (an EDR turned off on one laptop is a finding; a whole feed
 * gone is the pipeline's). What was told is kept in memory, so a restarted console tells again of
 * the sources still silent.
 */
public final class SilentSources {

    private final Duration after;
    private final Map<String, Duration> bySource;
    private final Set<String> toldSilent = new HashSet<>();

    /** @param after how long without a batch makes a source silent */
    public SilentSources(Duration after) {
        this(after, Map.of());
    }

    /**
     * Feeds keep different hours (sign-ins never stop; a code platform's audit log is quiet over a
     * weekend), so each source may have a threshold of its own.
     *
     * @param after    how long without a batch makes a source silent, or null to watch only the
     *                 sources {@code bySource} names
     * @param bySource thresholds of their own, by source name
     */
    public SilentSources(Duration after, Map<String, Duration> bySource) {
        if (after == null && bySource.isEmpty()) {
            throw new IllegalArgumentException("a threshold is needed: for every source, or for some by name");
        }
        for (Duration d : bySource.values()) {
            positive(d);
        }
        this.after = after == null ? null : positive(after);
        this.bySource = Map.copyOf(bySource);
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a source is silent after some time, not " + d);
        }
        return d;
    }

    /**
     * The notices due at {@code now}: each source newly silent for longer than the threshold, and each
     * source told silent before that has sent since. Bodies as {@link CaseNotice#post} sends them.
     *
     * @param sources   the sources' totals ({@link Store#ingestSources})
     * @param collected the logs the console collects ({@link Store#collectSources}): a source whose
     *                  collection never brought anything is silent from its first run, and a notice
     *                  says why a failing collection fails
     */
    public List<Map<String, Object>> check(List<Store.IngestSource> sources, List<Store.CollectSource> collected,
            OffsetDateTime now, String consoleUrl) {
        List<Map<String, Object>> notices = new ArrayList<>();
        for (Store.IngestSource s : feeds(sources, collected)) {
            Duration threshold = thresholdOf(s.source());
            if (threshold == null) {
                continue; // not watched
            }
            Duration quiet = Duration.between(s.lastReceived(), now);
            boolean silent = quiet.compareTo(threshold) > 0;
            List<Store.CollectSource> itsCollections = collected.stream().filter(c -> c.source().equals(s.source()))
                    .toList();
            if (silent && toldSilent.add(s.source())) {
                String since = s.batches() == 0 ? " since its collection began (" + CaseBrief.minute(s.lastReceived())
                        + " UTC)." : " (last batch " + CaseBrief.minute(s.lastReceived()) + " UTC).";
                notices.add(notice(s, "silent", "Unravel: " + s.source() + " has sent no logs for "
                        + Pages.silence(quiet) + since + " A feed that stopped is a blind spot: " + why(itsCollections)
                        + (consoleUrl == null ? "" : " " + consoleUrl.replaceAll("/+$", "") + "/sources")));
            } else if (!silent && toldSilent.remove(s.source())) {
                notices.add(notice(s, "resumed", "Unravel: " + s.source() + " sends logs again (last batch "
                        + CaseBrief.minute(s.lastReceived()) + " UTC, " + Count.of(s.batches(), "batch", "batches")
                        + " in all)."));
            }
        }
        return notices;
    }

    /**
     * Every source to watch: those with batches, and those the console collects that have brought
     * none yet, as sources of no batch last heard of at their first run.
     */
    public static List<Store.IngestSource> feeds(List<Store.IngestSource> sources, List<Store.CollectSource> collected) {
        Map<String, Store.IngestSource> all = new LinkedHashMap<>();
        for (Store.IngestSource s : sources) {
            all.put(s.source(), s);
        }
        boolean added = false;
        for (Store.CollectSource c : collected) {
            Store.IngestSource known = all.get(c.source());
            if (known == null || known.batches() == 0 && c.firstRun().isBefore(known.lastReceived())) {
                all.put(c.source(), new Store.IngestSource(c.source(), 0, 0, 0, 0, c.firstRun(), null));
                added = true;
            }
        }
        List<Store.IngestSource> feeds = new ArrayList<>(all.values());
        if (added) { // in among the others, which come the longest silent first
            feeds.sort(java.util.Comparator.comparing(Store.IngestSource::lastReceived)
                    .thenComparing(Store.IngestSource::source));
        }
        return feeds;
    }

    /** What to check for a silent source: its failing collection's own words, else where it comes from. */
    private static String why(List<Store.CollectSource> collections) {
        for (Store.CollectSource c : collections) {
            if (c.failing() > 0) {
                return "its collection (" + c.what() + ") has failed " + (c.failing() == 1 ? "its last run"
                        : c.failing() + " runs in a row") + ", last at " + CaseBrief.minute(c.lastRun()) + " UTC: "
                        + c.lastError();
            }
        }
        return collections.isEmpty() ? "check its shipper or hook."
                : "its collection runs, but the API has had nothing new: check what the vendor logs and the "
                        + "credential's reach.";
    }

    /** How long {@code source} may be quiet before it is silent: its own threshold, else the common one; null when not watched. */
    public Duration thresholdOf(String source) {
        return bySource.getOrDefault(source, after);
    }

    private static Map<String, Object> notice(Store.IngestSource s, String state, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("source", s.source());
        m.put("state", state);
        m.put("last_received", s.lastReceived().toString());
        return m;
    }
}
