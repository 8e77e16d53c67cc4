package dev.unravel.sim.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Geo;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A two-person world and helpers for the identity and code-platform writer tests. */
final class IdentityTestWorld {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";
    static final String EDGE_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81";

    final World world = new World(7L, "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "98765432");
    final Person alice = person(1, "Alice", "Nguyen", Host.Os.MACOS, "iPhone 15");
    final Person bob = person(2, "Bob", "Keller", Host.Os.WINDOWS, "Pixel 8");
    final City sanFrancisco = Geo.US_HOMES.get(0);
    final Network comcast = Internet.US_RESIDENTIAL.get(0);
    final Network vpn = Internet.VPN.get(0);

    IdentityTestWorld() {
        world.add(alice);
        world.add(bob);
    }

    private static Person person(int index, String first, String last, Host.Os os, String phone) {
        Person p = new Person();
        p.index = index;
        p.id = "E" + (1000 + index);
        p.firstName = first;
        p.lastName = last;
        p.workEmail = (first + "." + last + "@" + World.DOMAIN).toLowerCase(Locale.ROOT);
        p.oktaUserId = "00u" + index + "abcdefghijklmnop";
        p.entraObjectId = "0b1e2c3d-0000-4000-8000-00000000000" + index;
        p.githubLogin = (first + last).toLowerCase(Locale.ROOT) + "-nw";
        p.githubUserId = Integer.toString(41_000_000 + index);
        p.mfaDeviceId = "guo" + index + "phonedevice0000";
        p.mfaDeviceName = phone;
        p.mfaEnrollmentId = "pfd" + index + "oktaverify00000";
        p.laptop = new Host("NW-" + index, "SER" + index, os == Host.Os.MACOS ? "MacBook Pro" : "Latitude 7440", os,
                os == Host.Os.MACOS ? "NW-MAC-0" + index : "NW-WIN-0" + index, "10.8.0." + (10 + index),
                "4C4C4544-0042-3010-8052-B4C04F00000" + index);
        return p;
    }

    /** Feeds activities (in time order) through a writer, announcing each UTC day, then closes it. */
    static void write(SourceWriter writer, List<? extends Activity> activities) throws IOException {
        LocalDate day = null;
        for (Activity a : activities) {
            LocalDate d = LocalDate.ofInstant(a.time(), ZoneOffset.UTC);
            if (!d.equals(day)) {
                writer.startDay(d);
                day = d;
            }
            writer.accept(a);
        }
        writer.close();
    }

    /** Every file under {@code root}, as paths relative to it with forward slashes, sorted. */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    /** Each line of an NDJSON file, parsed; fails if a line is not exactly one JSON object. */
    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            out.add(node);
        }
        return out;
    }

    /** The records of a vendor sample file (NDJSON). */
    static List<JsonNode> sample(Path file) {
        try {
            return lines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field by name, ignoring case: the samples' publisher lower-cased some names. */
    static JsonNode field(JsonNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return node.get(k);
            }
        }
        return null;
    }

    /** An object's field names in lower case, without the publisher's {@code p_*} fields. */
    static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                if (!k.startsWith("p_")) {
                    out.add(k.toLowerCase(Locale.ROOT));
                }
            });
        }
        return out;
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
