package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.ALICE;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.keys;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.DuoPush;
import dev.unravel.sim.world.Geo;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuoWriterTest {
    private static final String LOG = "duo/authentication-2026-03-02.ndjson";

    @TempDir
    Path dir;

    /** The computer at the farm's VPN exit in the US, the phone with the operator in Shenyang. */
    @Test
    void aPushIsDuosV2AuthenticationLog_withTheComputerAndThePhoneEachWhereTheyAre() throws IOException {
        Person alice = new Person();
        alice.workEmail = ALICE.workEmail;
        alice.laptop = MAC;
        DuoPush push = new DuoPush(T0, alice, "185.242.5.85", Internet.VPN.get(0), Geo.US_HOMES.get(3),
                "DPABCDEF0123456789AB", "iPhone 15 (555-0101)", "175.161.8.8", Geo.SHENYANG, true,
                "340a23e3-23f3-4eb0-b7d1-1a0d5f41a5a6");
        run(DuoWriter::new, dir, List.of(push));

        assertThat(files(dir)).containsExactly(LOG);
        JsonNode line = lines(dir.resolve(LOG)).get(0);
        assertThat(keys(line)).containsExactly("access_device", "application", "auth_device", "email", "event_type",
                "factor", "isotimestamp", "reason", "result", "timestamp", "trusted_endpoint_status", "txid", "user");
        assertThat(line.path("isotimestamp").asText()).isEqualTo("2026-03-02T14:03:11.123456+00:00");
        assertThat(line.path("timestamp").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(line.path("access_device").path("ip").asText()).isEqualTo("185.242.5.85");
        assertThat(line.path("access_device").path("os").asText()).isEqualTo("Mac OS X");
        assertThat(line.path("auth_device").path("ip").asText()).isEqualTo("175.161.8.8");
        assertThat(line.path("auth_device").path("location").path("country").asText()).isEqualTo("China");
        assertThat(line.path("auth_device").path("name").asText()).isEqualTo("iPhone 15 (555-0101)");
        assertThat(line.path("user").path("name").asText()).isEqualTo("alice.nguyen@northwindlabs.com");
        assertThat(line.path("result").asText()).isEqualTo("success");
        assertThat(line.path("reason").asText()).isEqualTo("user_approved");
    }

    @Test
    void anUnansweredPushIsDenied() throws IOException {
        Person bob = new Person();
        bob.workEmail = "bob@northwindlabs.com";
        bob.laptop = MAC;
        run(DuoWriter::new, dir, List.of(new DuoPush(T0, bob, "73.1.2.3", Internet.VPN.get(0), Geo.US_HOMES.get(3),
                "DPABCDEF0123456789AB", "Pixel 8 (555-0102)", "73.1.2.3", Geo.US_HOMES.get(3), false, "tx-2")));
        JsonNode line = lines(dir.resolve(LOG)).get(0);
        assertThat(line.path("result").asText()).isEqualTo("denied");
        assertThat(line.path("reason").asText()).isEqualTo("no_response");
    }
}
