package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import java.time.LocalDate;
import java.util.Set;

/**
 * An SSN on a worker's HR record that cannot belong to a real person (synthetic identities
 * often carry one), or that was issued long after the holder's birth. The raw number is read from
 * the hire record and dropped at once: signals and skip reasons never contain it.
 *
 * <p>Settings: {@code issuance_era_strength} (0.15; 0 turns the issuance-era check off),
 * {@code max_people} (500,000: workers whose finding it remembers, to make each once).
 */
public final class SsnDetector implements Detector {

    public static final String ID = "apply.ssn";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR records with Social Security numbers and dates of birth (hr-employees)";
    }

    @Override
    public String description() {
        return "SSN that was never issued, from a range first issued after 2011 for someone born long before (weak), "
                + "or from the railroad range closed in 1963 for someone born after";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("hr.hire");
    }

    /**
     * Per worker, the last finding made (what is wrong with the number, never the number): a later
     * row of the same worker — the next snapshot of the export, a changed department — with the same
     * finding gives none, so one number gives one finding.
     */
    private PerEntity<String, String> found;

    @Override
    public void start(DetectorContext context) {
        found = context.state(context.settings().integer("max_people", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        String raw = Links.text(event.document(), "ssn");
        if (raw == null) {
            context.skipped("worker without an SSN");
            return;
        }
        String digits = SsnCheck.digits(raw);
        if (digits == null) {
            context.skipped("SSN not written as nine digits");
            return;
        }
        LocalDate born = Links.date(Links.text(event.document(), "date_of_birth"));
        SsnCheck.Verdict verdict = SsnCheck.check(digits, born,
                context.settings().number("issuance_era_strength", 0.15));
        if (verdict == null || event.user() == null) {
            return;
        }
        if (verdict.reason().equals(found.peek(event.user()))) {
            return; // found on an earlier row of the worker's
        }
        found.put(event.user(), verdict.reason());
        String first = Links.text(event.document(), "legal_first_name");
        String last = Links.text(event.document(), "legal_last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        context.signal(ID, dev.unravel.core.EntityRef.worker(event.user()))
                .stage(Stage.APPLY)
                .strength(verdict.strength())
                .evidence(event)
                .because("The Social Security number on file for " + (name.isEmpty() ? "" : name + " ") + "(worker "
                        + event.user() + ") " + verdict.reason() + "." + issuedWhere(digits))
                .emit();
    }

    /**
     * Where the pre-2011 scheme assigned the area, as context for an analyst (where the holder lived
     * when the card was issued; people move, so never a reason by itself); empty when unassigned.
     */
    static String issuedWhere(String digits) {
        String places = SsnAreas.places(Integer.parseInt(digits.substring(0, 3)));
        return places == null ? "" : " Before 2011 its area number was assigned to applicants living in " + places
                + ".";
    }
}
