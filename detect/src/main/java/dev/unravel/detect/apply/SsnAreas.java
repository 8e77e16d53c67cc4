package dev.unravel.detect.apply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the SSA assigned each SSN area (first three digits) before it randomised assignment on
 * 2011-06-25, read from {@code dev/unravel/detect/ssn/areas.tsv} (the SSA's published table; the
 * source is cited there). The area tells where the applicant lived when the card was issued, not
 * where they were born, and nothing at all for numbers issued from mid-2011 on.
 */
public final class SsnAreas {

    /** One line of the table: an inclusive range of areas and who they were assigned to. */
    public record Assignment(int first, int last, String code, String name) {

        /** A US state, territory or DC, as opposed to the railroad board or enumeration at entry. */
        public boolean isPlace() {
            return code.length() == 2;
        }
    }

    private static final List<Assignment> TABLE = load();

    private SsnAreas() {
    }

    /** Every assignment of {@code area} (a few areas were shared); empty when it was never assigned before 2011. */
    public static List<Assignment> of(int area) {
        List<Assignment> out = new ArrayList<>(2);
        for (Assignment a : TABLE) {
            if (area >= a.first() && area <= a.last()) {
                out.add(a);
            }
        }
        return out;
    }

    /** True for areas the SSA first used after randomisation (734-749, 773-899), and the never-valid ones. */
    public static boolean neverAssignedBeforeRandomisation(int area) {
        return of(area).isEmpty();
    }

    /** "California", "North Carolina or West Virginia"; null when the area was not assigned to places. */
    public static String places(int area) {
        List<String> names = new ArrayList<>();
        for (Assignment a : of(area)) {
            if (a.isPlace()) {
                names.add(a.name());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1);
    }

    /** The table's size, for tests. */
    static int size() {
        return TABLE.size();
    }

    private static List<Assignment> load() {
        String resource = "/dev/unravel/detect/ssn/areas.tsv";
        List<Assignment> table = new ArrayList<>();
        try (InputStream in = SsnAreas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the detect jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                table.add(new Assignment(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        return List.copyOf(table);
    }
}
