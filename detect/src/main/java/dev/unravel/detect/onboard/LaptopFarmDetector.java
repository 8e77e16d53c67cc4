package dev.unravel.detect.onboard;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.apply.Links;
import dev.unravel.detect.apply.People;
import java.util.Set;

/**
 * One delivery building receiving laptops for several people who are not one household, or a
 * laptop delivered to where another person lives: the laptop farm, where a facilitator keeps the
 * machines that operators abroad control. Counted at building level (units ignored) over the whole
 * period; households, neighbours each receiving at their own flat, and company addresses are not
 * counted (see {@link Links}). Two parties are strong; three or more near proof.
 *
 * <p>Settings: those of {@link Links} ({@code company_addresses}, {@code households} …).
 */
public final class LaptopFarmDetector implements Detector {

    public static final String ID = "onboard.laptop-farm";

    private Links links;

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
        return "one delivery address receiving laptops for several unrelated workers";
    }

    @Override
    public Set<String> eventTypes() {
        return Links.EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext context) {
        links = new Links(context);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        links.observe(event);
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        for (Links.Tie tie : links.ties(context.roster())) {
            if (tie.kind() != Links.Kind.SHIP_TO) {
                continue;
            }
            int parties = tie.others().size() + 1;
            context.signal(ID, people.subject(tie.person()))
                    .stage(Stage.ONBOARD)
                    .strength(parties >= 3 ? 0.7 : 0.5)
                    .at(tie.time())
                    .evidence(tie.evidence())
                    .because("Laptops for " + parties + " people who are not one household went to the same "
                            + "building (a delivery address or someone's declared home): "
                            + people.describe(tie.person()) + ", together with "
                            + people.describeAll(tie.others()) + ".")
                    .emit();
        }
    }
}
