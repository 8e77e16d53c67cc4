package dev.unravel.detect.onboard;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.apply.People;
import dev.unravel.detect.apply.RecordBook;
import dev.unravel.detect.roster.Normalise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A laptop delivered to a building that is none of the worker's homes (current or past, on the HR
 * record or the application) nor a company address ({@code company_addresses}). Honest people do
 * this now and then (a relative's house, a temporary flat), so alone it is moderate; movers are
 * not flagged because every address HR ever had counts as home.
 *
 * <p>Settings: {@code strength} (0.3), {@code company_addresses} (one-line addresses), {@code max_people}.
 */
public final class ShipToNotHomeDetector implements Detector {

    public static final String ID = "onboard.ship-to-not-home";

    private static final Set<String> HOME_RECORDS = Set.of("hr.hire", "hr.address", "applicant.submitted");

    private record Delivery(String worker, String building, EventRef ref, Instant time) {
    }

    private RecordBook book;
    /** By shipment (its id, or the row read when it has none): a later export's row of it replaces the earlier. */
    private PerEntity<String, Delivery> deliveries;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptop shipments (asset-shipments) with HR home addresses";
    }

    @Override
    public String description() {
        return "laptop delivered to an address that is not the worker's home";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("asset.shipment", "hr.hire", "hr.address", "applicant.submitted");
    }

    @Override
    public void start(DetectorContext context) {
        int max = context.settings().integer("max_people", 500_000);
        book = new RecordBook(context, max);
        deliveries = context.state(max);
    }

    /**
     * The shipment a row is of ({@link RecordKind#rowIdentity}: its {@code shipment_id}, else the
     * row itself). The same shipment in the next snapshot of the export (its delivery date filled
     * in) is one shipment, not two.
     */
    static String shipment(Event event) {
        return RecordKind.rowIdentity(event, event.origin());
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (!event.type().equals("asset.shipment")) {
            book.add(event);
            return;
        }
        Map<String, Object> d = event.document();
        String building = Normalise.building(text(d, "ship_to_line1"), text(d, "ship_to_city"),
                text(d, "ship_to_state"), text(d, "ship_to_postal_code"), text(d, "ship_to_country"));
        if (building == null || event.user() == null || event.origin() == null) {
            context.skipped("shipment without a worker or a ship-to street line");
            return;
        }
        deliveries.put(shipment(event), new Delivery(event.user(), building, event.origin(), event.time()));
    }

    @Override
    public void finish(DetectorContext context) {
        Set<String> company = companyBuildings(context);
        People people = new People(context.roster());
        for (Map.Entry<String, Delivery> e : deliveries.entries()) {
            Delivery d = e.getValue();
            String worker = People.workerKey(d.worker());
            Set<String> homes = people.homeBuildings(worker);
            if (homes.isEmpty()) {
                context.skipped("shipment for a worker without a home address on file");
                continue;
            }
            if (homes.contains(d.building()) || company.contains(d.building())) {
                continue;
            }
            List<EventRef> evidence = new ArrayList<>();
            evidence.add(d.ref());
            evidence.addAll(RecordBook.refs(book.of(people, worker, HOME_RECORDS)));
            context.signal(ID, people.subject(worker))
                    .stage(Stage.ONBOARD)
                    .strength(context.settings().number("strength", 0.3))
                    .at(d.time())
                    .evidence(evidence)
                    .because("The laptop for " + people.describe(worker) + " was delivered to an address that is "
                            + "not any home address HR or the application has for them.")
                    .emit();
        }
    }

    static Set<String> companyBuildings(DetectorContext context) {
        Set<String> out = new HashSet<>();
        for (String a : context.settings().list("company_addresses", List.of())) {
            String b = Normalise.oneLineBuilding(a);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    static String text(Map<String, Object> d, String key) {
        Object v = d.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
