package dev.unravel.detect.steal;

import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Person;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which mail domains are the company's, for detectors that ask whether something left it: the
 * domains of the work emails HR holds and the setting {@code company_domains}, each with its
 * subdomains.
 */
final class CompanyDomains {

    private final Set<String> configured = new LinkedHashSet<>();
    private Set<String> rosterDomains;
    private long rosterRecords = -1;

    CompanyDomains(Settings settings) {
        for (String d : settings.list("company_domains", List.of())) {
            configured.add(d.strip().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The work emails' domains and the configured ones, gathered again only when the roster has
     * taken more records (HR records come before the logs), not for every event.
     */
    Set<String> of(DetectorContext ctx) {
        long records = ctx.roster().recordsTaken();
        if (rosterDomains == null || records != rosterRecords) {
            Set<String> out = new LinkedHashSet<>(configured);
            for (Person p : ctx.roster().workers()) {
                String d = domain(p.workEmail());
                if (d != null) {
                    out.add(d);
                }
            }
            rosterDomains = out;
            rosterRecords = records;
        }
        return rosterDomains;
    }

    /** True when {@code domain} is one of {@code company} or under one; an unknown domain counts as inside. */
    static boolean internal(String domain, Set<String> company) {
        if (domain == null) {
            return true; // not an address we can place: not reported as outside
        }
        for (String c : company) {
            if (domain.equals(c) || domain.endsWith("." + c)) {
                return true;
            }
        }
        return false;
    }

    /** The lower-cased domain of an address, or null when it has none. */
    static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
