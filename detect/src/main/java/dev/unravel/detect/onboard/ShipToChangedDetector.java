package dev.unravel.detect.onboard;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.apply.People;
import dev.unravel.detect.apply.RecordBook;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A laptop's delivery address changed, to somewhere that is not the worker's home, after the job
 * offer or shortly before the laptop shipped: the moment a facilitator reroutes it to a farm.
 * A change back to a home address (a typo fixed, a move) is not reported.
 *
 * <p>Strength 0.5 after the offer or within {@code days_before_shipment} (7) of shipping, 0.6 for
 * both, 0.3 otherwise. Settings: {@code days_before_shipment}, {@code company_addresses}, {@code max_people}.
 */
public final class ShipToChangedDetector implements Detector {

    public static final String ID = "onboard.ship-to-changed";

    private record Change(String worker, String key, String building, String previous, Instant shipped,
            EventRef ref, Instant time) {
    }

    private RecordBook book;
    /** By shipment ({@link ShipToNotHomeDetector#shipment}): a later export's row of it replaces the earlier. */
    private PerEntity<String, Change> changes;
    private PerEntity<String, Instant> offers;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptop shipments and their address changes (asset-shipments)";
    }

    @Override
    public String description() {
        return "laptop delivery address changed away from home after the offer or shortly before shipping";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("asset.ship_to_changed", "applicant.offer", "hr.hire", "hr.address", "applicant.submitted");
    }

    @Override
    public void start(DetectorContext context) {
        int max = context.settings().integer("max_people", 500_000);
        book = new RecordBook(context, max);
        changes = context.state(max);
        offers = context.state(max);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        switch (event.type()) {
            case "applicant.offer" -> {
                if (event.user() != null) {
                    offers.put(event.user(), event.time());
                }
                book.add(event);
            }
            case "asset.ship_to_changed" -> change(event, context);
            default -> book.add(event);
        }
    }

    private void change(Event event, DetectorContext context) {
        Map<String, Object> d = event.document();
        String line1 = ShipToNotHomeDetector.text(d, "ship_to_line1");
        String key = Normalise.address(line1, ShipToNotHomeDetector.text(d, "ship_to_line2"),
                ShipToNotHomeDetector.text(d, "ship_to_city"), ShipToNotHomeDetector.text(d, "ship_to_state"),
                ShipToNotHomeDetector.text(d, "ship_to_postal_code"), ShipToNotHomeDetector.text(d, "ship_to_country"));
        String building = Normalise.building(line1, ShipToNotHomeDetector.text(d, "ship_to_city"),
                ShipToNotHomeDetector.text(d, "ship_to_state"), ShipToNotHomeDetector.text(d, "ship_to_postal_code"),
                ShipToNotHomeDetector.text(d, "ship_to_country"));
        if (key == null || event.user() == null || event.origin() == null) {
            context.skipped("ship-to change without a worker or a ship-to street line");
            return;
        }
        Instant shipped = instant(ShipToNotHomeDetector.text(d, "shipped_at"));
        if (shipped == null) {
            shipped = instant(ShipToNotHomeDetector.text(d, "requested_at"));
        }
        changes.put(ShipToNotHomeDetector.shipment(event) + " " + key, new Change(event.user(), key, building,
                Normalise.oneLineBuilding(ShipToNotHomeDetector.text(d, "previous_ship_to")), shipped, event.origin(),
                event.time()));
    }

    @Override
    public void finish(DetectorContext context) {
        int beforeShipDays = context.settings().integer("days_before_shipment", 7);
        Set<String> company = ShipToNotHomeDetector.companyBuildings(context);
        People people = new People(context.roster());
        for (Map.Entry<String, Change> e : changes.entries()) {
            Change c = e.getValue();
            String worker = People.workerKey(c.worker());
            Set<String> homes = people.homeBuildings(worker);
            if (homes.contains(c.building()) || company.contains(c.building())) {
                continue;
            }
            Instant offer = null;
            for (Person a : people.applications(worker)) {
                Instant o = offers.peek(a.id());
                if (o != null && (offer == null || o.isAfter(offer))) {
                    offer = o;
                }
            }
            boolean afterOffer = offer != null && !c.time().isBefore(offer);
            boolean nearShipping = c.shipped() != null && !c.time().isAfter(c.shipped())
                    && Duration.between(c.time(), c.shipped()).toDays() < beforeShipDays;
            boolean fromHome = c.previous() != null && homes.contains(c.previous());
            List<String> when = new ArrayList<>();
            if (afterOffer) {
                when.add("after the job offer");
            }
            if (nearShipping) {
                when.add("days before it shipped");
            }
            double strength = afterOffer || nearShipping ? 0.5 : 0.3;
            if (afterOffer && nearShipping) {
                strength = 0.6;
            }
            List<EventRef> evidence = new ArrayList<>();
            evidence.add(c.ref());
            evidence.addAll(RecordBook.refs(book.of(people, worker, Set.of("applicant.offer", "hr.hire"))));
            context.signal(ID, people.subject(worker))
                    .stage(Stage.ONBOARD)
                    .strength(strength)
                    .at(c.time())
                    .evidence(evidence)
                    .because("The laptop delivery address for " + people.describe(worker) + " was changed"
                            + (fromHome ? " from their home" : "") + " to an address that is not their home"
                            + (when.isEmpty() ? "" : ", " + String.join(" and ", when)) + ".")
                    .emit();
        }
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
