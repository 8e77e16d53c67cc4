package dev.unravel.detect.onboard;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.roster.Normalise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A laptop delivery address, or a declared home, that is a mail drop or a freight forwarder: a
 * private mailbox, a PO box, "care of" someone, a pack-and-ship store, a parcel-forwarding service.
 * Equipment sent there is usually sent on, abroad. The markers are a setting ({@code markers},
 * matched as whole words), and known addresses can be listed ({@code addresses}, one line each).
 *
 * <p>Settings: {@code markers} ({@link #DEFAULT_MARKERS}), {@code addresses}, {@code ship_to_strength}
 * (0.4), {@code home_strength} (0.3).
 */
public final class MailDropDetector implements Detector {

    public static final String ID = "onboard.mail-drop";

    static final List<String> DEFAULT_MARKERS = List.of("PMB", "PRIVATE MAILBOX", "PO BOX", "P O BOX",
            "POST OFFICE BOX", "C O", "CARE OF", "UPS STORE", "MAIL BOXES ETC", "POSTNET", "POSTAL ANNEX", "PAK MAIL",
            "IPOSTAL", "ANYTIME MAILBOX", "EARTH CLASS MAIL", "TRAVELING MAILBOX", "VIRTUAL POST MAIL", "SHIPITO",
            "MYUS", "STACKRY", "PLANET EXPRESS", "FORWARD2ME", "SHOPUSA", "SHOP AND SHIP", "FREIGHT FORWARDER",
            "FREIGHT FORWARDING", "PACKAGE FORWARDING", "PARCEL FORWARDING", "RESHIPPER");

    private List<String> markers;
    private Set<String> known;
    /** Subject and building already reported: the hire record and the address history repeat one address. */
    private final Set<String> reported = new HashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptop shipments and HR home addresses";
    }

    @Override
    public String description() {
        return "laptop delivery address or declared home that is a mail drop or freight forwarder";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("asset.shipment", "hr.hire", "hr.address", "applicant.submitted");
    }

    @Override
    public void start(DetectorContext context) {
        markers = new ArrayList<>();
        for (String m : context.settings().list("markers", DEFAULT_MARKERS)) {
            markers.add(" " + words(m) + " ");
        }
        known = new HashSet<>();
        for (String a : context.settings().list("addresses", List.of())) {
            String b = Normalise.oneLineBuilding(a);
            if (b != null) {
                known.add(b);
            }
        }
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        Map<String, Object> d = event.document();
        boolean shipment = event.type().equals("asset.shipment");
        String p = shipment ? "ship_to_" : "";
        String line1 = ShipToNotHomeDetector.text(d, p + (shipment ? "line1" : "address_line1"));
        String line2 = ShipToNotHomeDetector.text(d, p + (shipment ? "line2" : "address_line2"));
        if (line1 == null) {
            return; // no address on this record: nothing to check, and no finding
        }
        String building = Normalise.building(line1, ShipToNotHomeDetector.text(d, p + "city"),
                ShipToNotHomeDetector.text(d, p + "state"), ShipToNotHomeDetector.text(d, p + "postal_code"),
                ShipToNotHomeDetector.text(d, p + "country"));
        String text = " " + words(line1 + " " + (line2 == null ? "" : line2) + " "
                + (shipment ? nz(ShipToNotHomeDetector.text(d, "ship_to_name")) : "")) + " ";
        String found = null;
        for (String m : markers) {
            if (text.contains(m)) {
                found = m.strip();
                break;
            }
        }
        if (found == null && building != null && known.contains(building)) {
            found = "a listed mail-drop address";
        }
        String subjectId = event.user();
        if (found == null || subjectId == null) {
            return;
        }
        EntityRef subject = event.type().startsWith("applicant.")
                ? applicantOrWorker(context, subjectId) : EntityRef.worker(subjectId);
        if (!reported.add(subject + "|" + shipment + "|" + (building == null ? text : building))) {
            return;
        }
        String marker = found.startsWith("a listed") ? found : "\"" + found + "\"";
        context.signal(ID, subject)
                .stage(shipment ? Stage.ONBOARD : Stage.APPLY)
                .strength(shipment ? context.settings().number("ship_to_strength", 0.4)
                        : context.settings().number("home_strength", 0.3))
                .evidence(event)
                .because((shipment ? "The laptop for " + describe(context, subject) + " was sent to"
                        : "The home address declared by " + describe(context, subject) + " is")
                        + " a mail drop or forwarding address (" + marker + "), from where parcels are usually sent on.")
                .emit();
    }

    private static EntityRef applicantOrWorker(DetectorContext context, String applicantId) {
        var a = context.roster().applicant(applicantId);
        if (a != null && a.employeeId() != null) {
            return EntityRef.worker(a.employeeId());
        }
        return new EntityRef(EntityRef.Kind.APPLICANT, applicantId);
    }

    private static String describe(DetectorContext context, EntityRef subject) {
        var p = subject.kind() == EntityRef.Kind.WORKER ? context.roster().worker(subject.value())
                : context.roster().applicant(subject.value());
        String name = p == null || p.name().isEmpty() ? "" : p.name() + " ";
        return name + "(" + subject.kind().id() + " " + subject.value() + ")";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Upper-case words separated by single spaces ("c/o" becomes "C O"). */
    static String words(String s) {
        StringBuilder b = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(Character.toUpperCase(c));
            } else {
                space = true;
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
