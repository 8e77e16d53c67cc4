package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The same SSN, personal mailbox, phone number, home address, laptop, résumé or profile photo on file for
 * distinct people, applicants included: the synthetic identities of one operator reuse what they
 * have. One signal per person and shared identifier, naming the others. A household (same surname
 * and address) and documented relationships are not reported; see {@link Links} for the rules and
 * settings. Bank accounts are reported by the payroll detector, delivery addresses by the laptop-farm
 * detector.
 */
public final class SharedIdentifierDetector implements Detector {

    public static final String ID = "apply.shared-identifier";

    private static final Set<Links.Kind> KINDS = EnumSet.of(Links.Kind.SSN, Links.Kind.PERSONAL_EMAIL,
            Links.Kind.PHONE, Links.Kind.ADDRESS, Links.Kind.DEVICE, Links.Kind.RESUME, Links.Kind.PHOTO);

    private Links links;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR and applicant records (hr-employees, applicants), payroll, address history, résumés "
                + "and photos";
    }

    @Override
    public String description() {
        return "SSN, personal email, phone, home address, laptop, résumé or profile photo shared by distinct people";
    }

    @Override
    public Set<String> eventTypes() {
        return Links.EVENT_TYPES;
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        links.observe(event);
    }

    @Override
    public void start(DetectorContext context) {
        links = new Links(context);
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        for (Links.Tie tie : links.ties(context.roster())) {
            if (!KINDS.contains(tie.kind())) {
                continue;
            }
            context.signal(ID, people.subject(tie.person()))
                    .stage(Stage.APPLY)
                    .strength(tie.strength())
                    .at(tie.time())
                    .evidence(tie.evidence())
                    .because(explain(people, tie))
                    .emit();
        }
    }

    static String explain(People people, Links.Tie tie) {
        String who = people.describe(tie.person());
        String others = people.describeAll(tie.others());
        return switch (tie.kind()) {
            case RESUME -> "The résumé of " + who + " is " + tie.note() + ": " + others + ".";
            case PHOTO -> "The profile photo of " + who + " is " + tie.note() + " as on the application of " + others
                    + ".";
            case DEVICE -> "The " + tie.kind().label() + " of " + who + " is also assigned to " + others + ".";
            default -> "The " + tie.kind().label() + " of " + who + " is also on file for " + others
                    + ("relatives".equals(tie.note()) ? " (same surname, so possibly a relative)." : ".");
        };
    }
}
