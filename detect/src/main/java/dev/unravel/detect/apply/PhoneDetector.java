package dev.unravel.detect.apply;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A worker's or applicant's phone that is an internet (VoIP) or non-geographic number, or that
 * belongs to another country than the declared home. libphonenumber knows the type of a number
 * where the numbering plan says it (VoIP, personal, toll-free ranges outside North America); in
 * North America it cannot tell VoIP from mobile, so a carrier-lookup export ({@code reference.phone},
 * {@code line_type} such as {@code nonFixedVoip}) is read when supplied. Some honest people use
 * Google Voice, so VoIP alone is moderate.
 *
 * <p>Settings: {@code voip_strength} (0.3), {@code fixed_voip_strength} (0.15),
 * {@code foreign_number_strength} (0.25), {@code max_people} (500000).
 */
public final class PhoneDetector implements Detector {

    public static final String ID = "apply.phone";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> PERSON_RECORDS = Set.of("hr.hire", "applicant.submitted");

    private record Lookup(String lineType, String carrier, String country, EventRef ref) {
    }

    private RecordBook book;
    private PerEntity<String, Lookup> lookups;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "phone numbers in HR or applicant records, with carrier lookups (phone-intel)";
    }

    @Override
    public String description() {
        return "VoIP or non-geographic phone number, or a number from another country than the declared home";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("reference.phone", "hr.hire", "applicant.submitted");
    }

    @Override
    public void start(DetectorContext context) {
        int max = context.settings().integer("max_people", 500_000);
        book = new RecordBook(context, max);
        lookups = context.state(max);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (!event.type().equals("reference.phone")) {
            book.add(event);
            return;
        }
        Map<String, Object> d = event.document();
        String country = Links.text(d, "country");
        String number = Normalise.phone(Links.text(d, "number"), country == null ? "US" : country);
        if (number == null || event.origin() == null) {
            context.skipped("phone lookup row without a valid number");
            return;
        }
        lookups.put(number, new Lookup(Links.text(d, "line_type"), Links.text(d, "carrier"),
                country == null ? null : country.toUpperCase(Locale.ROOT), event.origin()));
    }

    /** A number as libphonenumber reads it: its type and region. */
    private record Parsed(Phonenumber.PhoneNumber number, PhoneNumberUtil.PhoneNumberType type, String region) {
    }

    /**
     * Numbers read so far, by their text: finish also comes for each day's report as things stand,
     * and reading a number (libphonenumber's metadata) is most of its cost. One per phone on file.
     */
    private final Map<String, java.util.Optional<Parsed>> parsed = new java.util.HashMap<>();

    private Parsed parsed(String phone) {
        return parsed.computeIfAbsent(phone, p -> {
            Phonenumber.PhoneNumber n = Normalise.parsePhone(p, null);
            return n == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Parsed(n, PHONES.getNumberType(n), PHONES.getRegionCodeForNumber(n)));
        }).orElse(null);
    }

    @Override
    public void finish(DetectorContext context) {
        Settings s = context.settings();
        double voip = s.number("voip_strength", 0.3);
        double fixedVoip = s.number("fixed_voip_strength", 0.15);
        double foreign = s.number("foreign_number_strength", 0.25);
        People people = new People(context.roster());
        for (String person : people.all()) {
            Set<String> phones = new LinkedHashSet<>();
            Person r = people.record(person);
            if (r != null && r.phone() != null) {
                phones.add(r.phone());
            }
            for (Person a : people.applications(person)) {
                if (a.phone() != null) {
                    phones.add(a.phone());
                }
            }
            if (phones.isEmpty()) {
                context.skipped("no valid phone number on file");
                continue;
            }
            String declared = people.country(person);
            for (String phone : phones) {
                check(context, people, person, phone, declared, voip, fixedVoip, foreign);
            }
        }
    }

    private void check(DetectorContext context, People people, String person, String phone, String declared,
            double voip, double fixedVoip, double foreign) {
        Parsed parsed = parsed(phone);
        if (parsed == null) {
            return;
        }
        Phonenumber.PhoneNumber n = parsed.number();
        List<String> reasons = new ArrayList<>();
        double strength = 0;
        int count = 0;
        Lookup lookup = lookups.peek(phone);
        String lineType = lookup == null || lookup.lineType() == null ? "" : lookup.lineType().toLowerCase(Locale.ROOT);
        PhoneNumberUtil.PhoneNumberType type = parsed.type();
        if (lineType.equals("nonfixedvoip") || lineType.equals("voip")) {
            reasons.add("an internet (VoIP) number" + (lookup.carrier() == null ? "" : " from " + lookup.carrier())
                    + " that anyone can get online");
            strength = Math.max(strength, voip);
            count++;
        } else if (lineType.equals("fixedvoip")) {
            reasons.add("a fixed internet (VoIP) line");
            strength = Math.max(strength, fixedVoip);
            count++;
        } else if (type == PhoneNumberUtil.PhoneNumberType.VOIP) {
            reasons.add("in a numbering range reserved for internet (VoIP) services");
            strength = Math.max(strength, voip);
            count++;
        } else if (nonGeographic(type) || lineType.equals("tollfree")) {
            reasons.add("a non-geographic number (" + label(type, lineType) + ") not tied to a place");
            strength = Math.max(strength, voip);
            count++;
        }
        String region = parsed.region();
        if (region == null || region.equals("ZZ") || region.equals("001")) {
            region = lookup == null ? null : lookup.country();
        }
        if (region != null && declared != null && !region.equalsIgnoreCase(declared)) {
            reasons.add("registered in " + region + " although the declared home is in " + declared);
            strength = Math.max(strength, foreign);
            count++;
        }
        if (reasons.isEmpty()) {
            return;
        }
        List<RecordBook.Seen> seen = book.of(people, person, PERSON_RECORDS);
        if (seen.isEmpty()) {
            context.skipped("phone finding without a record to cite");
            return;
        }
        List<EventRef> evidence = new ArrayList<>(RecordBook.refs(seen));
        if (lookup != null) {
            evidence.add(lookup.ref());
        }
        context.signal(ID, people.subject(person))
                .stage(Stage.APPLY)
                .strength(Math.min(0.6, strength + (count > 1 ? 0.1 : 0.0)))
                .at(RecordBook.latest(seen) == null ? seen.get(0).time() : RecordBook.latest(seen))
                .evidence(evidence)
                .because("The phone number given by " + people.describe(person) + " is " + String.join(", and ",
                        reasons) + ".")
                .emit();
    }

    private static boolean nonGeographic(PhoneNumberUtil.PhoneNumberType type) {
        return switch (type) {
            case PERSONAL_NUMBER, UAN, PAGER, VOICEMAIL, TOLL_FREE, PREMIUM_RATE, SHARED_COST -> true;
            default -> false;
        };
    }

    private static String label(PhoneNumberUtil.PhoneNumberType type, String lineType) {
        if (lineType.equals("tollfree")) {
            return "toll-free";
        }
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
