package dev.unravel.detect.onboard;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.apply.Links;
import dev.unravel.detect.apply.People;
import dev.unravel.detect.roster.Normalise;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Direct-deposit accounts that point to fraud: one account paying two unrelated workers (the
 * facilitator's, collecting several salaries), an account changed again and again or within the
 * first weeks, and payouts to providers on a configurable high-risk list for workers who declare a
 * US home (contractors abroad use Payoneer and Wise legitimately, so they are exempt by default).
 * Account numbers are compared only as keyed hashes and never appear in a signal.
 *
 * <p>Settings: {@code max_changes} (2) within {@code window_days} (365) → 0.3 and up;
 * {@code early_change_days} (14) → 0.25; {@code high_risk_routing} ({@link #DEFAULT_ROUTING}),
 * {@code high_risk_names} ({@link #DEFAULT_NAMES}), {@code high_risk_strength} (0.2),
 * {@code exempt_abroad} (true); and those of {@link Links} for shared accounts.
 */
public final class PayrollDetector implements Detector {

    public static final String ID = "onboard.payroll";

    /** Payout providers and neobanks that open accounts online for anyone, by routing number. */
    static final List<String> DEFAULT_ROUTING = List.of("026073150", "026073008", "084106768", "031101279");
    static final List<String> DEFAULT_NAMES = List.of("payoneer", "wise", "chime", "bancorp", "evolve bank",
            "green dot", "go2bank", "sutton bank");

    private record Account(String hash, LocalDate from, String bank, String routing, EventRef ref, Instant time) {
    }

    private Links links;
    private PerEntity<String, List<Account>> accounts;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "payroll direct-deposit accounts (hr-payroll)";
    }

    @Override
    public String description() {
        return "bank account shared with another worker, changed repeatedly, or at a high-risk payout provider";
    }

    @Override
    public Set<String> eventTypes() {
        return Links.EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext context) {
        links = new Links(context);
        accounts = context.state(context.settings().integer("max_people", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        links.observe(event);
        if (!event.type().equals("payroll.account")) {
            return;
        }
        Map<String, Object> d = event.document();
        String normalised = Normalise.bankAccount(ShipToNotHomeDetector.text(d, "routing_number"),
                ShipToNotHomeDetector.text(d, "account_number"));
        if (normalised == null || event.user() == null || event.origin() == null) {
            context.skipped("payroll row without a routing or account number");
            return;
        }
        LocalDate from = LocalDate.ofInstant(event.time(), java.time.ZoneOffset.UTC);
        accounts.get(event.user(), k -> new ArrayList<>(2)).add(new Account(
                context.roster().pii().hash("bank", normalised), from, ShipToNotHomeDetector.text(d, "bank_name"),
                ShipToNotHomeDetector.text(d, "routing_number"), event.origin(), event.time()));
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        for (Links.Tie tie : links.ties(context.roster())) {
            if (tie.kind() == Links.Kind.BANK_ACCOUNT) {
                context.signal(ID, people.subject(tie.person()))
                        .stage(Stage.ONBOARD)
                        .strength(tie.strength())
                        .at(tie.time())
                        .evidence(tie.evidence())
                        .because("The bank account that pays " + people.describe(tie.person()) + " also pays "
                                + people.describeAll(tie.others())
                                + ("relatives".equals(tie.note()) ? " (same surname, so possibly a relative)." : "."))
                        .emit();
            }
        }
        Settings s = context.settings();
        int maxChanges = s.integer("max_changes", 2);
        int windowDays = s.integer("window_days", 365);
        int earlyDays = s.integer("early_change_days", 14);
        List<String> routing = s.list("high_risk_routing", DEFAULT_ROUTING);
        List<String> names = s.list("high_risk_names", DEFAULT_NAMES);
        boolean exemptAbroad = s.flag("exempt_abroad", true);
        for (Map.Entry<String, List<Account>> e : accounts.entries()) {
            String worker = People.workerKey(e.getKey());
            List<Account> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing(Account::from));
            changes(context, people, worker, list, maxChanges, windowDays, earlyDays);
            String country = people.country(worker);
            if (exemptAbroad && country != null && !country.equals("US")) {
                continue;
            }
            for (Account a : list) {
                if (highRisk(a, routing, names)) {
                    context.signal(ID, people.subject(worker))
                            .stage(Stage.ONBOARD)
                            .strength(s.number("high_risk_strength", 0.2))
                            .at(a.time())
                            .evidence(List.of(a.ref()))
                            .because("The pay of " + people.describe(worker) + ", who declares a home in "
                                    + (country == null || country.equals("US") ? "the US" : country) + ", goes to an account at "
                                    + (a.bank() == null ? "a payout provider" : a.bank())
                                    + ", a provider that opens accounts online and is on the high-risk list.")
                            .emit();
                    break;
                }
            }
        }
    }

    private void changes(DetectorContext context, People people, String worker, List<Account> list, int maxChanges,
            int windowDays, int earlyDays) {
        List<Account> changes = new ArrayList<>();
        String current = list.get(0).hash();
        for (Account a : list.subList(1, list.size())) {
            if (!a.hash().equals(current) && a.from().isAfter(list.get(0).from())) {
                changes.add(a);
                current = a.hash();
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        var person = people.record(worker);
        LocalDate hired = person == null || person.hireDate() == null ? list.get(0).from() : person.hireDate();
        for (int i = 0; i + maxChanges - 1 < changes.size(); i++) {
            Account first = changes.get(i);
            Account last = changes.get(i + maxChanges - 1);
            if (ChronoUnit.DAYS.between(first.from(), last.from()) <= windowDays) {
                List<EventRef> refs = new ArrayList<>();
                list.forEach(a -> refs.add(a.ref()));
                context.signal(ID, people.subject(worker))
                        .stage(Stage.ONBOARD)
                        .strength(Math.min(0.6, 0.3 + 0.1 * (changes.size() - maxChanges)))
                        .at(last.time())
                        .evidence(refs)
                        .because("The direct-deposit account of " + people.describe(worker) + " was changed "
                                + changes.size() + " times, " + maxChanges + " of them within " + windowDays
                                + " days.")
                        .emit();
                return;
            }
        }
        Account firstChange = changes.get(0);
        // before the first paychecks: the moment a payroll-diversion or a handler's account appears
        if (ChronoUnit.DAYS.between(hired, firstChange.from()) < earlyDays) {
            context.signal(ID, people.subject(worker))
                    .stage(Stage.ONBOARD)
                    .strength(0.25)
                    .at(firstChange.time())
                    .evidence(List.of(list.get(0).ref(), firstChange.ref()))
                    .because("The direct-deposit account of " + people.describe(worker) + " was changed within "
                            + earlyDays + " days of the start date.")
                    .emit();
        }
    }

    private static boolean highRisk(Account a, List<String> routing, List<String> names) {
        String r = a.routing() == null ? "" : a.routing().replaceAll("\\D", "");
        if (routing.contains(r)) {
            return true;
        }
        String bank = a.bank() == null ? "" : " " + a.bank().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ")
                + " ";
        for (String n : names) {
            if (bank.contains(" " + n.toLowerCase(Locale.ROOT).strip() + " ")) {
                return true;
            }
        }
        return false;
    }
}
