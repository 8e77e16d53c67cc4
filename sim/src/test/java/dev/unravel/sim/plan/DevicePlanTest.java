package dev.unravel.sim.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.SimConfig;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.MonitorInventory;
import dev.unravel.sim.activity.MonitorInventory.Monitor;
import dev.unravel.sim.activity.RdpConnection;
import dev.unravel.sim.world.Noise;
import dev.unravel.sim.world.Persona;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.PopulationBuilder;
import dev.unravel.sim.world.World;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monitor inventories and Remote Desktop connections the planner adds, person by person. */
class DevicePlanTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 2);
    private static final int DAYS = 24;
    static World world;
    static Truth truth;
    static DayPlanner planner;

    @BeforeAll
    static void build() {
        // Ten fraudulent workers: two of each persona, so one IP-KVM laptop runs Windows with this seed.
        world = new PopulationBuilder(new SimConfig(200, DAYS, 11, 10, START, Path.of("unused"), false)).build();
        truth = new Truth();
        planner = new DayPlanner(world, truth, START, DAYS);
    }

    private static List<Activity> plan(Person p) {
        List<Activity> out = new ArrayList<>();
        for (LocalDate d = START.minusDays(1); d.isBefore(START.plusDays(DAYS)); d = d.plusDays(1)) {
            planner.plan(p, d, out);
        }
        return out;
    }

    private static <T> List<T> only(List<Activity> activities, Class<T> type) {
        return activities.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theIpKvmLaptopShowsThePiKvmDisplayEveryDayFromItsFirstAndNothingElse() {
        Person kvm = world.fraudulent().stream()
                .filter(p -> p.persona == Persona.IPKVM_FACILITATOR && p.laptop.windows()).findFirst().orElseThrow();
        List<MonitorInventory> inventories = only(plan(kvm), MonitorInventory.class);
        assertThat(inventories).isNotEmpty().allSatisfy(inv -> assertThat(inv.monitors())
                .extracting(Monitor::maker, Monitor::name).containsExactly(org.assertj.core.groups.Tuple.tuple("LNX", "PiKVM")));
        Truth.Mark mark = truth.steps(kvm.id).get(Step.FIRST_REMOTE_CONTROL);
        assertThat(mark.time()).isEqualTo(inventories.get(0).time());
        assertThat(mark.source()).isEqualTo("wmi");
        assertThat(mark.detail()).isEqualTo("WmiMonitorID display PiKVM by LNX");
        assertThat(only(plan(kvm), RdpConnection.class)).isEmpty();
    }

    @Test
    void genuineWindowsLaptopsShowOrdinaryMonitorsAndMacsNone() {
        int windows = 0;
        for (Person p : world.people) {
            if (p.fraud()) {
                continue;
            }
            List<MonitorInventory> inventories = only(plan(p), MonitorInventory.class);
            if (!p.laptop.windows()) {
                assertThat(inventories).as(p.id).isEmpty();
                continue;
            }
            windows++;
            for (MonitorInventory inv : inventories) {
                assertThat(inv.host()).isEqualTo(p.laptop);
                // The built-in panel first, unnamed; nobody genuine shows a KVM's display.
                assertThat(inv.monitors().get(0).name()).isNull();
                assertThat(inv.monitors()).extracting(Monitor::name).doesNotContain("PiKVM");
                if (!p.noise.contains(Noise.RASPBERRY_PI_DISPLAY)) {
                    assertThat(inv.monitors()).extracting(Monitor::maker).doesNotContain("LNX");
                }
            }
        }
        assertThat(windows).isGreaterThan(50);
    }

    @Test
    void theRaspberryPiDeveloperShowsALinuxDisplayWithAGenericNameOnSomeDays() {
        List<Person> devs = world.people.stream().filter(p -> p.noise.contains(Noise.RASPBERRY_PI_DISPLAY)).toList();
        assertThat(devs).isNotEmpty().allSatisfy(p -> {
            assertThat(p.engineer && p.laptop.windows() && !p.fraud()).isTrue();
        });
        List<MonitorInventory> inventories = devs.stream().flatMap(p -> only(plan(p), MonitorInventory.class).stream())
                .toList();
        long withPi = inventories.stream().filter(inv -> inv.monitors().stream()
                .anyMatch(m -> m.maker().equals("LNX") && m.name().equals("Linux FHD"))).count();
        assertThat(withPi).isPositive().isLessThan(inventories.size());
    }

    @Test
    void farmOperatorsConnectOverRdpWithTheirOwnClockAndItSupportWithAUsOne() {
        for (Person p : world.fraudulent()) {
            List<RdpConnection> rdp = only(plan(p), RdpConnection.class);
            if (!p.laptop.windows() || p.persona == Persona.IPKVM_FACILITATOR) {
                assertThat(rdp).as(p.persona.id()).isEmpty();
                continue;
            }
            assertThat(rdp).as(p.persona.id()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.host()).isEqualTo(p.laptop);
                assertThat(c.clientOffsetMinutes()).isIn(480, 540);
            });
        }
        int support = 0;
        for (Person it : world.people) {
            if (!it.itSupport) {
                continue;
            }
            for (RdpConnection c : only(plan(it), RdpConnection.class)) {
                support++;
                Person target = world.people.stream().filter(p -> p.laptop.equals(c.host())).findFirst().orElseThrow();
                assertThat(target.fraud()).isFalse();
                assertThat(target).isNotSameAs(it);
                int declared = target.timeZone.getRules().getOffset(c.time()).getTotalSeconds() / 60;
                assertThat(Math.abs(c.clientOffsetMinutes() - declared)).isLessThanOrEqualTo(180);
                assertThat(c.clientOffsetMinutes()).isBetween(-600, -240);
            }
        }
        assertThat(support).isPositive();
    }
}
