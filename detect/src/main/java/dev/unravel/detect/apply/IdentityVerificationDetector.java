package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import dev.unravel.detect.roster.UsStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Document-and-selfie identity checks that did not hold: failed liveness, a selfie that does not
 * match the document, a declined or escalated outcome, a check completed from another country than
 * the declared home, or through a commercial VPN or hosting provider (when an IP-intelligence
 * export is supplied). One signal per check, with every reason; decided in {@code finish}, when the
 * roster knows the declared home and the IP ranges are read.
 *
 * <p>Where the check was completed from: the vendor's {@code ip_country} when given, else what the
 * IP intelligence says of {@code ip_address}. An address nobody locates, a private one, the
 * company's own egress, and a VPN or hosting exit (whose location is the server's; the VPN is its
 * own reason) never count as "abroad". For a US home, when the intelligence gives the address's
 * state (city-level databases, a {@code region} column), a check from a state where the person
 * never declared a home is a weak reason: people verify while travelling, and mobile networks
 * locate poorly, so mobile addresses are not compared.
 *
 * <p>Settings: {@code min_selfie_score} (0.6), {@code other_state_strength} (0.15; 0 turns the state
 * comparison off), {@code max_checks} (500000). VPN, hosting and locations come from the shared
 * {@link IntelFeed} (the {@code --intel} files and the organisation's {@code reference.ip_range} records).
 */
public final class IdentityVerificationDetector implements Detector {

    public static final String ID = "apply.identity-verification";

    private record Check(String applicantId, Map<String, Object> document, String ip, EventRef ref, Instant time) {
    }

    private final IntelFeed intel;
    /** By row ({@link RecordKind#rowIdentity}): the same check in the next snapshot of the export replaces it. */
    private PerEntity<String, Check> checks;

    /** With the intelligence the other detectors share. */
    public IdentityVerificationDetector(IntelFeed intel) {
        this.intel = intel;
    }

    /** With only the organisation's {@code reference.ip_range} records as intelligence. */
    public IdentityVerificationDetector() {
        this(IntelFeed.empty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "applicant identity-check results (applicant-identity-verification)";
    }

    @Override
    public String description() {
        return "identity check with failed liveness, selfie mismatch, foreign, other-state (weak) or VPN address, "
                + "or a declined outcome";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("applicant.identity_verification", IntelFeed.RANGE_EVENT);
    }

    @Override
    public void start(DetectorContext context) {
        checks = context.state(context.settings().integer("max_checks", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (event.type().equals(IntelFeed.RANGE_EVENT)) {
            intel.observe(event);
            return;
        }
        if (event.user() == null || event.origin() == null) {
            context.skipped("identity check without an applicant id");
            return;
        }
        checks.put(RecordKind.rowIdentity(event, event.origin()), new Check(event.user(), event.document(), event.sourceIp(),
                event.origin(), event.time()));
    }

    @Override
    public void finish(DetectorContext context) {
        Settings s = context.settings();
        double minScore = s.number("min_selfie_score", 0.6);
        double otherStateStrength = s.number("other_state_strength", 0.15);
        People people = new People(context.roster());
        for (Map.Entry<String, Check> e : checks.entries()) {
            Check c = e.getValue();
            String person = people.ofApplication(c.applicantId());
            Map<String, Object> d = c.document();
            List<String> reasons = new ArrayList<>();
            double strength = 0;
            int weakReasons = 0;
            String liveness = lower(d, "liveness_result");
            String match = lower(d, "document_selfie_match");
            String outcome = lower(d, "outcome");
            if ("fail".equals(liveness)) {
                reasons.add("the person failed the liveness check");
                strength = Math.max(strength, 0.5);
            }
            if ("mismatch".equals(match)) {
                reasons.add("the selfie did not match the document photo");
                strength = Math.max(strength, 0.6);
            } else if ("inconclusive".equals(match)) {
                reasons.add("the selfie could not be matched to the document photo");
                strength = Math.max(strength, 0.3);
            } else {
                Double score = number(Links.text(d, "selfie_match_score"));
                if (score != null && score < minScore) {
                    reasons.add("the selfie scored low against the document photo");
                    strength = Math.max(strength, 0.3);
                } else if (score == null && Links.text(d, "selfie_match_score") != null) {
                    context.skipped("selfie match score not a number");
                }
            }
            if ("declined".equals(outcome)) {
                reasons.add("the vendor declined the identity");
                strength = Math.max(strength, 0.5);
            } else if ("manual_review".equals(outcome)) {
                reasons.add("the vendor sent it to manual review");
                strength = Math.max(strength, 0.2);
            }
            String declared = people.country(person);
            String ip = c.ip() != null ? c.ip() : Links.text(d, "ip_address");
            IpInfo where = ip == null ? null : intel.lookup(ip);
            if (where == null) {
                where = IpInfo.UNKNOWN;
                if (ip != null) {
                    context.skipped("identity check IP address not an IP address");
                }
            }
            // a VPN or hosting exit, the company's egress and private addresses place nobody
            boolean locates = !where.masksOrigin() && !where.office() && !where.internal();
            String vendorCountry = Links.text(d, "ip_country");
            String ipCountry = vendorCountry != null ? vendorCountry.toUpperCase(Locale.ROOT)
                    : locates ? where.country() : null;
            if (declared == null) {
                context.skipped("identity check for someone without a declared country");
            } else if (ipCountry == null) {
                context.skipped("identity check from an address nobody locates");
            } else if (!ipCountry.equalsIgnoreCase(declared)) {
                reasons.add("it was completed from an internet address in " + ipCountry
                        + (vendorCountry == null ? " (by IP intelligence)" : "") + " although the declared home is in "
                        + declared);
                strength = Math.max(strength, 0.4);
            } else if (otherStateStrength > 0 && "US".equals(declared) && locates && where.region() != null
                    && "US".equals(where.country()) && !"mobile".equals(where.networkType())) {
                Set<String> homes = people.homeStates(person);
                if (homes.isEmpty()) {
                    context.skipped("identity check for a US home without a state");
                } else if (!homes.contains(where.region())) {
                    reasons.add("it was completed from an internet address in " + UsStates.name(where.region())
                            + " although every home address on file is in " + states(homes)
                            + " (weak: people verify while travelling)");
                    strength = Math.max(strength, otherStateStrength);
                    weakReasons++;
                }
            }
            if (where.masksOrigin() && !where.office()) {
                reasons.add("it was completed through a commercial VPN or hosting provider");
                strength = Math.max(strength, 0.35);
            }
            if (reasons.isEmpty()) {
                continue;
            }
            context.signal(ID, people.subject(person))
                    .stage(Stage.APPLY)
                    .strength(Math.min(0.85, strength + 0.1 * Math.max(0, reasons.size() - 1 - weakReasons)))
                    .at(c.time())
                    .evidence(List.of(c.ref()))
                    .because("In the identity check of " + people.describe(person) + ", " + String.join("; ",
                            reasons) + ".")
                    .emit();
        }
    }

    private static String states(Set<String> codes) {
        List<String> names = new ArrayList<>();
        for (String c : codes) {
            names.add(UsStates.name(c));
        }
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1);
    }

    private static String lower(Map<String, Object> d, String key) {
        String v = Links.text(d, key);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
