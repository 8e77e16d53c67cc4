package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
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
 * <p>Settings: {@code min_selfie_score} (0.6), {@code max_checks} (500000). VPN and hosting
 * addresses come from the shared {@link IntelFeed} (the {@code --intel} files and the organisation's
 * {@code reference.ip_range} records).
 */
public final class IdentityVerificationDetector implements Detector {

    public static final String ID = "apply.identity-verification";

    private record Check(String applicantId, Map<String, Object> document, String ip, EventRef ref, Instant time) {
    }

    private final IntelFeed intel;
    private PerEntity<EventRef, Check> checks;

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
    public String description() {
        return "identity check with failed liveness, selfie mismatch, foreign or VPN address, or a declined outcome";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("applicant.identity_verification", IntelFeed.RANGE_EVENT);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (checks == null) {
            checks = context.state(context.settings().integer("max_checks", 500_000));
        }
        if (event.type().equals(IntelFeed.RANGE_EVENT)) {
            intel.observe(event);
            return;
        }
        if (event.user() == null || event.origin() == null) {
            context.skipped("identity check without an applicant id");
            return;
        }
        checks.put(event.origin(), new Check(event.user(), event.document(), event.sourceIp(), event.origin(),
                event.time()));
    }

    @Override
    public void finish(DetectorContext context) {
        if (checks == null) {
            return;
        }
        Settings s = context.settings();
        double minScore = s.number("min_selfie_score", 0.6);
        People people = new People(context.roster());
        for (Map.Entry<EventRef, Check> e : checks.entries()) {
            Check c = e.getValue();
            String person = people.ofApplication(c.applicantId());
            Map<String, Object> d = c.document();
            List<String> reasons = new ArrayList<>();
            double strength = 0;
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
            String ipCountry = Links.text(d, "ip_country");
            String declared = people.country(person);
            if (ipCountry != null && declared != null && !ipCountry.equalsIgnoreCase(declared)) {
                reasons.add("it was completed from an internet address in " + ipCountry.toUpperCase(Locale.ROOT)
                        + " although the declared home is in " + declared);
                strength = Math.max(strength, 0.4);
            } else if (declared == null) {
                context.skipped("identity check for someone without a declared country");
            }
            String ip = c.ip() != null ? c.ip() : Links.text(d, "ip_address");
            IpInfo where = ip == null ? IpInfo.UNKNOWN : intel.lookup(ip);
            if (where.masksOrigin() && !where.office()) {
                reasons.add("it was completed through a commercial VPN or hosting provider");
                strength = Math.max(strength, 0.35);
            }
            if (reasons.isEmpty()) {
                continue;
            }
            context.signal(ID, people.subject(person))
                    .stage(Stage.APPLY)
                    .strength(Math.min(0.85, strength + 0.1 * (reasons.size() - 1)))
                    .at(c.time())
                    .evidence(List.of(c.ref()))
                    .because("In the identity check of " + people.describe(person) + ", " + String.join("; ",
                            reasons) + ".")
                    .emit();
        }
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
