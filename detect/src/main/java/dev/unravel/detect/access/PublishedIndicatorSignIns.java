package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.core.net.IpAddress;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.Settings;
import dev.unravel.detect.intel.IndicatorLists;
import dev.unravel.detect.intel.IndicatorLists.Indicator;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IntelFiles;
import dev.unravel.detect.intel.IpIntel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker's sign-in from an address a published list names as the scheme's: advisories, indictments
 * and shared lists give the VPN exits, hosting servers and laptop farms' home connections the
 * operators were seen behind. The lists are the team's, in the format {@link IndicatorLists} reads
 * (CSV type {@code ip}: an address, a CIDR network or {@code first-last}; STIX 2.1 {@code ipv4-addr}
 * and {@code ipv6-addr} comparisons and objects): the scan's ({@code indicators:} in the configuration,
 * which the other indicator detectors read too) and this detector's own {@code files}.
 *
 * <p>A successful sign-in (Okta, Entra ID, Duo, Google Workspace; GitHub activity) from a listed
 * address gives one signal per worker and listed entry, at the first such sign-in, so that it can be
 * told as it comes; failed ones are not counted (anyone can try a password from anywhere). Private
 * and internal addresses are never compared.
 *
 * <p>Settings: {@code files} (lists for this detector alone), {@code strength} (0.6:
 * specific, but an address changes hands — a VPN exit is shared by thousands, a cloud host is
 * someone else's next month).
 */
public final class PublishedIndicatorSignIns implements Detector {

    public static final String ID = "access.published-indicator-ip";

    private final IntelFeed intel;
    /** The scan's lists ({@code indicators:} in the configuration). */
    private final IndicatorLists.Lists shared;
    /** Listed networks sorted by their first address, each with the highest last address up to it. */
    private Listed[] listed = new Listed[0];
    private long[] maxEndHi = new long[0];
    private long[] maxEndLo = new long[0];
    private double strength;
    /** Worker and listed entry already reported. */
    private final Set<String> reported = new HashSet<>();
    private final long[] address = new long[2];

    /** A listed network and the entry that lists it. */
    private record Listed(IpIntel.Range range, Indicator indicator) {
    }

    /** @param shared the scan's lists ({@code indicators:} in the configuration) */
    public PublishedIndicatorSignIns(IntelFeed intel, IndicatorLists.Lists shared) {
        this.intel = intel;
        this.shared = shared;
    }

    private static final Set<String> TYPES = Set.of("ip");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "sign-ins (Okta, Entra ID, Duo, Google Workspace), corporate VPN tunnels or GitHub audit activity, "
                + "against the IP addresses on the indicator lists (indicators: in the configuration, or its files "
                + "setting)";
    }

    @Override
    public String description() {
        return "a worker's sign-in from an IP address on a published list of the scheme's indicators (advisories, "
                + "indictments, shared lists)";
    }

    @Override
    public Set<String> eventTypes() {
        return SignIn.TYPES;
    }

    /** Reads its own lists, so that one that cannot be read at all stops the scan at its start. */
    @Override
    public void check(Settings settings) {
        IndicatorLists.compared(IndicatorLists.Lists.NONE, settings, ID, TYPES, true);
    }

    @Override
    public void start(DetectorContext context) {
        strength = context.settings().number("strength", 0.6);
        IndicatorLists.Compared lists = IndicatorLists.compared(shared, context.settings(), ID, TYPES, false);
        lists.countProblems(context);
        List<Listed> found = new ArrayList<>();
        for (Indicator ind : lists.indicators()) {
            found.add(new Listed(IntelFiles.network(ind.key()), ind));
        }
        found.sort(Comparator.comparingLong((Listed l) -> l.range().startHi() ^ Long.MIN_VALUE)
                .thenComparingLong(l -> l.range().startLo() ^ Long.MIN_VALUE));
        listed = found.toArray(new Listed[0]);
        maxEndHi = new long[listed.length];
        maxEndLo = new long[listed.length];
        for (int i = 0; i < listed.length; i++) {
            IpIntel.Range r = listed[i].range();
            boolean later = i == 0 || compare(r.endHi(), r.endLo(), maxEndHi[i - 1], maxEndLo[i - 1]) > 0;
            maxEndHi[i] = later ? r.endHi() : maxEndHi[i - 1];
            maxEndLo[i] = later ? r.endLo() : maxEndLo[i - 1];
        }
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (listed.length == 0) {
            return;
        }
        SignIn s = SignIn.read(event, context, intel);
        if (s == null || !s.success() || s.workerId() == null || s.network().internal()
                || !IpAddress.parse(s.ip(), address)) {
            return;
        }
        // the networks that start at or before the address, latest first, while one could still reach it
        long hi = address[0];
        long lo = address[1];
        for (int i = lastStartingBy(hi, lo); i >= 0 && compare(maxEndHi[i], maxEndLo[i], hi, lo) >= 0; i--) {
            IpIntel.Range r = listed[i].range();
            if (compare(r.endHi(), r.endLo(), hi, lo) >= 0) {
                found(event, context, s, listed[i].indicator());
            }
        }
    }

    /** The index of the last listed network whose first address is at or before the address, or -1. */
    private int lastStartingBy(long hi, long lo) {
        int low = 0;
        int high = listed.length - 1;
        int at = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            IpIntel.Range r = listed[mid].range();
            if (compare(r.startHi(), r.startLo(), hi, lo) <= 0) {
                at = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return at;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    private void found(Event event, DetectorContext context, SignIn s, Indicator ind) {
        EntityRef subject = EntityRef.worker(s.workerId());
        if (!reported.add(s.workerId() + "|" + ind.at())) {
            return;
        }
        var p = context.roster().worker(s.workerId());
        String who = (p == null || p.name().isEmpty() ? "" : p.name() + " ") + "(worker " + s.workerId() + ", account "
                + s.account() + ")";
        String listedAs = ind.value().equals(s.ip()) ? "" : " (listed as " + ind.value() + ")";
        context.signal(ID, subject).stage(Stage.ACCESS).technique("T1078").strength(strength).evidence(event)
                .because("A sign-in by " + who + " came from " + s.ip() + listedAs + ", an address on a published list "
                        + "of the scheme's indicators: " + ind.listed() + ". Addresses change hands (VPN exits, cloud "
                        + "servers); confirm with the list's source.")
                .emit();
    }
}
