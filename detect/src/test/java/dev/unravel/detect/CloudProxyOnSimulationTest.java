package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.access.SharedSourceIp;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.steal.CloudUploadDetector;
import dev.unravel.detect.steal.OutboundVolumeDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company whose laptops send their web traffic through a cloud proxy and that has no Zeek and no
 * VPN: the simulator's Zscaler web feed, Umbrella's DNS and proxy logs, or Cloudflare Gateway's DNS,
 * HTTP and network session logs, alone, with HR and the
 * asset register. The fast exfiltrator, who uploads what they took to personal cloud storage on the
 * days after their clones, is found by the bytes their laptop's requests sent, named by the device
 * the proxy's log gives — no network address is tied to anyone — and no worker who is not
 * fraudulent is. With the IP intelligence too, the proxy's record of where each laptop's network
 * reached it puts every fraudulent hire's laptop at a laptop farm beside the farm's other laptops.
 */
class CloudProxyOnSimulationTest {

    @TempDir
    static Path dir;

    static final Set<String> fraudulent = new HashSet<>();
    /** The fast exfiltrators (the persona that uploads what it took). */
    static final Set<String> exfiltrators = new HashSet<>();
    static final List<Run> runs = new ArrayList<>();

    /** One simulated company read through one proxy's logs. */
    record Run(SimConfig.WebProxy proxy, long proxyEvents, List<Signal> uploads, List<Signal> volume,
            List<Signal> farms) {
    }

    @BeforeAll
    static void simulateAndDetect() throws IOException {
        for (SimConfig.WebProxy proxy : List.of(SimConfig.WebProxy.ZSCALER, SimConfig.WebProxy.UMBRELLA,
                SimConfig.WebProxy.CLOUDFLARE)) {
            Path out = dir.resolve(proxy.name());
            new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), out, false, proxy),
                    Simulator.Progress.NONE).run();
            if (fraudulent.isEmpty()) {
                JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
                truth.get("fraudulent_workers").forEach(w -> {
                    fraudulent.add(w.get("employee_id").asText());
                    if (w.get("persona").asText().equals("fast_exfiltrator")) {
                        exfiltrators.add(w.get("employee_id").asText());
                    }
                });
            }
            List<Event> events = new ArrayList<>();
            new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(out.resolve("hr"),
                    out.resolve("assets"), out.resolve(proxy.name().toLowerCase(java.util.Locale.ROOT))));
            long proxyEvents = events.stream().filter(e -> e.type().equals("zscaler.web")
                    || e.type().startsWith("umbrella.") || e.type().startsWith("cloudflare.")).count();
            List<Event> intel = new ArrayList<>();
            new Ingest(null, Limits.DEFAULT, Quarantine.NONE, intel::add, 10).run(List.of(out.resolve("intel")));
            runs.add(new Run(proxy, proxyEvents, new DetectorHarness().with(events).run(new CloudUploadDetector()),
                    new DetectorHarness().with(events).run(new OutboundVolumeDetector()),
                    new DetectorHarness().with(intel).with(events).run(new SharedSourceIp(IntelFeed.empty()))));
        }
    }

    private static Set<String> workers(List<Signal> signals) {
        return signals.stream().map(Signal::subject).filter(s -> s.kind() == EntityRef.Kind.WORKER)
                .map(EntityRef::value).collect(Collectors.toSet());
    }

    @Test
    void theSimulationWroteEachProxysLog_andAFastExfiltrator() {
        assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.proxyEvents()).as(r.proxy().name())
                .isGreaterThan(5_000));
        assertThat(exfiltrators).isNotEmpty();
    }

    @Test
    void theExfiltratorSentFarMoreThanOthers_andOnlyFraudulentWorkersStandOut() {
        for (Run r : runs) {
            assertThat(r.volume()).as(r.proxy().name())
                    .allSatisfy(s -> assertThat(s.subject().kind()).isEqualTo(EntityRef.Kind.WORKER));
            assertThat(workers(r.volume())).as(r.proxy().name()).containsAll(exfiltrators);
            assertThat(fraudulent).as(r.proxy().name()).containsAll(workers(r.volume()));
            assertThat(r.volume()).as(r.proxy().name()).filteredOn(s -> exfiltrators.contains(s.subject().value()))
                    .allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.45));
        }
    }

    @Test
    void uploadsToPersonalCloudAreNamedByTheLaptop_andOnlyFraudulentWorkersMadeThem() {
        for (Run r : runs) {
            List<Signal> made = r.uploads().stream().filter(s -> s.detector().equals(CloudUploadDetector.ID)).toList();
            assertThat(made).as(r.proxy().name()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.subject().kind()).isEqualTo(EntityRef.Kind.WORKER);
                assertThat(s.explanation()).startsWith("Device ");
            });
            assertThat(workers(made)).as(r.proxy().name()).containsAll(exfiltrators);
            assertThat(fraudulent).as(r.proxy().name()).containsAll(workers(made));
        }
    }

    @Test
    void everyFraudulentHiresLaptopIsPlacedAtAFarm_namedByTheProxysLog_andNoGenuineWorkersIs() {
        for (Run r : runs) {
            String log = switch (r.proxy()) {
                case ZSCALER -> "Zscaler Internet Access's web log";
                case UMBRELLA -> "Cisco Umbrella's log";
                default -> "Cloudflare Gateway's log";
            };
            assertThat(workers(r.farms())).as(r.proxy().name()).isEqualTo(fraudulent);
            assertThat(r.farms()).as(r.proxy().name()).filteredOn(s -> s.explanation().contains("residential"))
                    .extracting(s -> s.subject().value()).containsExactlyInAnyOrderElementsOf(fraudulent);
            assertThat(r.farms()).as(r.proxy().name()).filteredOn(s -> s.explanation().contains("residential"))
                    .allSatisfy(s -> {
                        assertThat(s.strength()).isGreaterThanOrEqualTo(0.6);
                        assertThat(s.explanation()).contains(log + " shows").contains("of their company laptops "
                                + "connecting from it");
                    });
        }
    }
}
