package dev.unravel.detect.apply;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.intel.IndicatorLists;
import dev.unravel.detect.intel.IndicatorLists.Indicator;
import dev.unravel.detect.roster.Normalise;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An applicant's or a worker's email address, email domain, phone number, home or laptop delivery
 * address that a published list names as the scheme's: the FBI's and the Justice Department's
 * advisories and indictments, vendors' reports and an industry group's shared lists give the
 * addresses of laptop farms, the facilitators' phone numbers and the operators' email accounts and
 * domains. The lists are the team's: the scan's ({@code indicators:} in the configuration, which the
 * other indicator detectors read too) and this detector's own {@code files}.
 *
 * <p>The lists' format is {@link IndicatorLists}'s (CSV or STIX 2.1). Types compared here: {@code email},
 * {@code domain} (an email's domain or one under it), {@code phone} (any form libphonenumber reads;
 * a number without a country code is taken as US), {@code address} (compared by building, as the
 * laptop-farm detector compares: "8047 Prospect Ln, Brooklyn, NY 11215" matches apartment 2 of
 * it; without a country at its end, in any country); {@code ip} entries are for
 * {@code access.published-indicator-ip}. A list that cannot be read stops the scan at its start; an
 * entry that cannot be read is skipped and counted in the report, naming the file and line.
 *
 * <p>Settings: {@code files} (lists for this detector alone; in a configuration file, read from its folder when relative),
 * {@code strength} (0.7: a published indicator is specific, but lists go stale, and an address once
 * a farm may house someone else now).
 */
public final class PublishedIndicatorDetector implements Detector {

    public static final String ID = "apply.published-indicator";

    /** A detector comparing only its own {@code files}. */
    public PublishedIndicatorDetector() {
        this(IndicatorLists.Lists.NONE);
    }

    /** @param shared the scan's lists ({@code indicators:} in the configuration) */
    public PublishedIndicatorDetector(IndicatorLists.Lists shared) {
        this.shared = shared;
    }

    /** The lists, by type and normalised value. */
    private final Map<String, Indicator> byKey = new HashMap<>();
    /** The email and domain entries. */
    private IndicatorLists.Addresses addresses = new IndicatorLists.Addresses(List.of());
    private double strength;
    /** The scan's lists ({@code indicators:}); this detector counts their entries that cannot be read and have no other type's detector. */
    private final IndicatorLists.Lists shared;
    /** Subject and indicator already reported: a hire record and the address history repeat an address. */
    private final Set<String> reported = new HashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR, applicant and laptop-shipment records, against the indicator lists (indicators: in the "
                + "configuration, or its files setting)";
    }

    @Override
    public String description() {
        return "an applicant's or worker's email, email domain, phone, home or laptop delivery address on a published "
                + "list of the scheme's indicators (advisories, indictments, shared lists)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("applicant.submitted", "hr.hire", "hr.address", "asset.shipment");
    }

    /** The types of indicator compared here; {@code ip} and {@code wallet} are other detectors'. */
    static final Set<String> TYPES = Set.of("email", "domain", "phone", "address");

    /**
     * Reads its own lists once before the scan, so that one that cannot be read at all (missing, not
     * JSON) stops it at its start (the scan's lists were read when the detectors were built).
     */
    @Override
    public void check(dev.unravel.detect.Settings settings) {
        IndicatorLists.compared(IndicatorLists.Lists.NONE, settings, ID, TYPES, true);
    }

    @Override
    public void start(DetectorContext context) {
        strength = context.settings().number("strength", 0.7);
        IndicatorLists.Compared lists = IndicatorLists.compared(shared, context.settings(), ID, TYPES, true);
        lists.countProblems(context);
        byKey.clear();
        addresses = new IndicatorLists.Addresses(lists.indicators());
        for (Indicator ind : lists.indicators()) {
            if (ind.type().equals("phone") || ind.type().equals("address")) {
                byKey.putIfAbsent(ind.type() + ' ' + ind.key(), ind);
            }
        }
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (byKey.isEmpty() && addresses.isEmpty()) {
            return;
        }
        String subjectId = event.user();
        if (subjectId == null) {
            return;
        }
        Map<String, Object> d = event.document();
        boolean shipment = event.type().equals("asset.shipment");
        EntityRef subject = event.type().startsWith("applicant.")
                ? new EntityRef(EntityRef.Kind.APPLICANT, subjectId) : EntityRef.worker(subjectId);
        if (shipment) {
            address(event, context, subject, d, "ship_to_", "line1", "laptop delivery address", Stage.ONBOARD);
            return;
        }
        address(event, context, subject, d, "", "address_line1", "home address", Stage.APPLY);
        if (event.type().equals("hr.address")) {
            return;
        }
        String country = text(d, "country");
        for (String column : List.of("personal_email", "email")) {
            String email = Normalise.email(text(d, column));
            if (email != null) {
                found(event, context, subject, addresses.email(email), "email address " + email, Stage.APPLY);
                for (Indicator dom : addresses.domainsOf(email)) {
                    found(event, context, subject, dom, "email address " + email + " (domain " + dom.key() + ")",
                            Stage.APPLY);
                }
            }
        }
        String phone = Normalise.phone(text(d, "phone"), country == null ? "US" : country.toUpperCase(Locale.ROOT));
        if (phone != null) {
            // the number itself is a personal identifier: named by where it is listed, not shown
            found(event, context, subject, byKey.get("phone " + phone), "phone number", Stage.APPLY);
        }
    }

    private void address(Event event, DetectorContext context, EntityRef subject, Map<String, Object> d, String prefix,
            String line1Column, String what, Stage stage) {
        String line1 = text(d, prefix + line1Column);
        if (line1 == null) {
            return;
        }
        String building = Normalise.building(line1, text(d, prefix + "city"), text(d, prefix + "state"),
                text(d, prefix + "postal_code"), text(d, prefix + "country"));
        if (building != null) {
            // a listed address without its country ("…, Brooklyn, NY 11215") matches it in any country
            Indicator ind = byKey.get("address " + building);
            found(event, context, subject, ind != null ? ind : byKey.get("address " + building.substring(0,
                    building.lastIndexOf('|') + 1)), what, stage);
        }
    }

    private void found(Event event, DetectorContext context, EntityRef subject, Indicator ind, String what,
            Stage stage) {
        if (ind == null || !reported.add(subject + "|" + ind.at() + "|" + ind.type() + "|" + ind.value())) {
            return;
        }
        var p = subject.kind() == EntityRef.Kind.WORKER ? context.roster().worker(subject.value())
                : context.roster().applicant(subject.value());
        String who = (p == null || p.name().isEmpty() ? "" : p.name() + " ") + "(" + subject.kind().id() + " "
                + subject.value() + ")";
        String shown = ind.type().equals("address") ? ", " + ind.value() + "," : "";
        context.signal(ID, subject).stage(stage).strength(strength).evidence(event)
                .because("The " + what + " of " + who + shown + " is on a published list of the scheme's indicators: "
                        + ind.listed() + ". A list can be stale or wrong; confirm with its source.")
                .emit();
    }

    private static String text(Map<String, Object> d, String key) {
        return Links.text(d, key);
    }
}
