package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.activity.ProgramChange;
import dev.unravel.sim.activity.UsbInventory;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Hand-built hosts, a person and activities for the endpoint and network writers' tests. */
final class WriterFixtures {
    /** Reads decimals exactly, so Zeek's microsecond timestamps compare without rounding. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final Instant T0 = Instant.parse("2026-03-02T14:03:11.123456Z");

    static final Host WINDOWS = new Host("NWL-A-0042", "PF3ABCDE", "ThinkPad T14", Host.Os.WINDOWS, "NWL-LT-0042",
            "10.8.0.42", "4C4C4544-0042-3510-8052-B2C04F4A4E31");
    static final Host MAC = new Host("NWL-A-0043", "C02XK0AAJGH5", "MacBook Pro 14", Host.Os.MACOS, "NWL-MB-0043",
            "10.8.0.43", "6E2B1C7A-43F0-5B7E-9C3D-0A1B2C3D4E5F");
    static final Person ALICE = person();

    private WriterFixtures() {
    }

    private static Person person() {
        Person p = new Person();
        p.id = "E0042";
        p.firstName = "Alice";
        p.lastName = "Nguyen";
        p.username = "anguyen";
        p.workEmail = "alice.nguyen@northwindlabs.com";
        return p;
    }

    static ProcessStart process(Host host, Instant time, String image, int pid) {
        return new ProcessStart(time, host, ALICE, image, "\"" + image + "\"", "C:\\Windows\\explorer.exe",
                "C:\\Windows\\Explorer.EXE", pid, 4412, "AnyDesk", "AnyDesk Software GmbH", "AnyDesk", "AnyDesk.exe",
                "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9", null);
    }

    static ProcessStart macProcess(Instant time) {
        return new ProcessStart(time, MAC, ALICE, "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk",
                "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", "/sbin/launchd", "/sbin/launchd", 3120, 1,
                null, null, null, null, null, null);
    }

    static NetFlow flow(Host host, Instant time, String image, String domain, String method) {
        return new NetFlow(time, host, ALICE, image, domain, "203.0.113.10", method != null ? 80 : 443, "tcp",
                method != null ? "http" : "ssl", 12.5, 4200, 91_000, method, method != null ? "/dl/tool.zip" : null,
                method != null ? "curl/8.4.0" : null, "CbVx2a1Qk3Lm9Np0Rs", 51544, "73.4.5.6");
    }

    static ProgramChange program(Host host, Instant time, boolean added) {
        return new ProgramChange(time, host, "AnyDesk", "8.0.8", "AnyDesk Software GmbH",
                host.windows() ? "C:\\Program Files (x86)\\AnyDesk" : "/Applications/AnyDesk.app", added);
    }

    static UsbInventory usb(Host host, Instant time) {
        return new UsbInventory(time, host, List.of(
                new UsbInventory.UsbDevice("1d6b", "0104", "PiKVM", "Composite KVM Device", "CAFEBABE", "239", true),
                new UsbInventory.UsbDevice("046d", "c52b", "Logitech", "USB Receiver", "", "0", true)));
    }

    /** Feeds activities in order, starting each UTC day as the simulator does, then closes the writer. */
    static SourceWriter run(Function<OutputDir, SourceWriter> factory, Path root, List<? extends Activity> activities)
            throws IOException {
        SourceWriter writer = factory.apply(new OutputDir(root));
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
        return writer;
    }

    /** Every line of a file, each parsed as exactly one JSON object. */
    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("one JSON object per line: %s", line).isTrue();
            out.add(node);
        }
        return out;
    }

    /** Every regular file under a folder, relative and with forward slashes. */
    static List<String> files(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static Set<String> keys(JsonNode node) {
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }

    /** Zeek's epoch-seconds timestamp as an instant, exactly (no floating-point rounding). */
    static Instant zeekTime(JsonNode ts) {
        BigDecimal seconds = ts.decimalValue();
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact());
    }
}
