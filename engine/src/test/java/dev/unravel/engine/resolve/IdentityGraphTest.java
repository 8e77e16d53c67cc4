package dev.unravel.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.Records;
import dev.unravel.engine.run.Activity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

    static final String ASSETS = """
            asset_tag,serial_number,model,os,hostname,assigned_employee_id,assigned_at,status
            NWL-1,SER111,MacBook Pro,macOS,NWL-MBP-1,E1,2026-01-02,assigned
            """;
    static final String OKTA = """
            {"uuid":"1","published":"2026-01-06T15:00:00.000Z","eventType":"user.session.start","severity":"INFO","displayMessage":"User login to Okta","actor":{"id":"00u1","type":"User","alternateId":"ada.lovelace@example.com","displayName":"Ada Lovelace"},"client":{"ipAddress":"203.0.113.7"},"outcome":{"result":"SUCCESS"}}
            """;

    record World(Roster roster, IdentityGraph graph, Activity activity) {
    }

    static World build(String employees, String... extraAssetsAndLogs) throws Exception {
        Roster roster = new Roster(Pii.withKey("0123456789abcdef-test"));
        IdentityGraph graph = new IdentityGraph(roster);
        Activity activity = new Activity(roster, 1000);
        List<Event> events = new ArrayList<>(Records.read("hr-employees", Records.EMPLOYEES_HEADER + employees));
        events.addAll(Records.read("asset-assignments", ASSETS));
        for (String e : extraAssetsAndLogs) {
            events.addAll(e.startsWith("shipment_id") ? Records.read("asset-shipments", e) : Records.read("okta", e));
        }
        for (Event e : events) {
            roster.observe(e);
            graph.observe(e);
        }
        for (Event e : events) {
            if (e.source().equals("okta")) {
                activity.accept(e);
            }
        }
        graph.build();
        return new World(roster, graph, activity);
    }

    @Test
    void onePersonSeenAsAccountDeviceAndIpIsOneWorker() throws Exception {
        World w = build(Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")
                + Records.employee("E2", "Alan", "Turing", "+15125550102", "2 Oak Ave", "", "78702"), OKTA);
        IdentityGraph g = w.graph();
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.ACCOUNT, "Ada.Lovelace@example.com"), w.activity()))
                .isEqualTo("E1");
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.HOST, "nwl-mbp-1"), w.activity())).isEqualTo("E1");
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.DEVICE, "SER111"), w.activity())).isEqualTo("E1");
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.IP, "203.0.113.7"), w.activity())).isEqualTo("E1");
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.IP, "198.51.100.1"), w.activity())).isNull();
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.EMAIL, "ada.lovelaceE1@gmail.com"), w.activity()))
                .as("personal email from HR").isEqualTo("E1");
        assertThat(g.clusters()).isEmpty();
    }

    /** Duo's access_device address is where the worker signed in from, as an Okta sign-in's is. */
    @Test
    void anAddressOnlyOneWorkersDuoSignInsCameFromIsTheirs() throws Exception {
        Roster roster = new Roster(Pii.withKey("0123456789abcdef-test"));
        Activity activity = new Activity(roster, 1000);
        List<Event> events = new ArrayList<>(Records.read("hr-employees", Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")));
        events.addAll(Records.read("duo-auth", """
                {"access_device":{"ip":"203.0.113.9","os":"Windows"},"auth_device":{"key":"DP1","name":"iPhone"},                "event_type":"authentication","factor":"duo_push","result":"success","reason":"user_approved",                "isotimestamp":"2026-01-06T15:00:00+00:00","user":{"name":"ada.lovelace@example.com"}}
                """));
        for (Event e : events) {
            roster.observe(e);
        }
        events.forEach(activity::accept);
        IdentityGraph g = new IdentityGraph(roster);
        g.build();
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.IP, "203.0.113.9"), activity)).isEqualTo("E1");
    }

    /** A VPN tunnel's source address is where the laptop was, as a sign-in's is; its tunnel address is not. */
    @Test
    void anAddressOnlyOneWorkersVpnTunnelsCameFromIsTheirs() throws Exception {
        Roster roster = new Roster(Pii.withKey("0123456789abcdef-test"));
        Activity activity = new Activity(roster, 1000);
        List<Event> events = new ArrayList<>(Records.read("hr-employees", Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")));
        events.addAll(Records.read("fortigate", "date=2026-01-06 time=15:00:00 devname=\"FGT\" devid=\"FG1\" "
                + "logid=\"0101039424\" type=\"event\" subtype=\"vpn\" action=\"tunnel-up\" "
                + "tunneltype=\"ssl-tunnel\" remip=203.0.113.11 tunnelip=10.212.134.7 user=\"ada.lovelace@example.com\"\n"));
        for (Event e : events) {
            roster.observe(e);
        }
        events.forEach(activity::accept);
        IdentityGraph g = new IdentityGraph(roster);
        g.build();
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.IP, "203.0.113.11"), activity)).isEqualTo("E1");
        assertThat(g.resolve(new EntityRef(EntityRef.Kind.IP, "10.212.134.7"), activity)).isNull();
    }

    @Test
    void aCoupleAtOneAddressStaysTwoPeopleAndNoCluster() throws Exception {
        World w = build(Records.employee("E1", "Ada", "Lovelace", "+15125550101", "12 Elm Street", "Apt 4", "78701")
                + Records.employee("E2", "Byron", "Lovelace", "+15125550102", "12 Elm St", "#4", "78701-1234"));
        assertThat(w.roster().workers()).hasSize(2);
        assertThat(w.graph().clusters()).as("same surname at one address is a household").isEmpty();
    }

    @Test
    void strangersSharingAPhoneOrAHomeFormACluster() throws Exception {
        World w = build(Records.employee("E1", "Ada", "Lovelace", "+15125550101", "12 Elm Street", "Apt 4", "78701")
                + Records.employee("E2", "Alan", "Turing", "+15125550101", "9 Pine Rd", "", "78702")
                + Records.employee("E3", "Grace", "Hopper", "+15125550103", "9 Pine Road", "", "78702")
                + Records.employee("E4", "Edsger", "Dijkstra", "+15125550104", "5 Lake Dr", "", "78703"));
        assertThat(w.graph().clusters()).hasSize(1);
        IdentityGraph.Cluster c = w.graph().clusters().get(0);
        assertThat(c.workers()).containsExactly("E1", "E2", "E3");
        assertThat(c.ties()).extracting(IdentityGraph.Tie::kind).containsExactlyInAnyOrder("home_address", "phone");
        assertThat(c.ties()).allSatisfy(t -> assertThat(t.reference()).doesNotContain("5125550101"));
        assertThat(w.graph().clusterOf("E4")).isNull();
    }

    @Test
    void laptopsShippedToOneAddressThatIsNoOnesHomeTieTheirWorkers() throws Exception {
        String shipments = """
                shipment_id,asset_tag,employee_id,carrier,tracking_number,ship_to_name,ship_to_line1,ship_to_line2,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,previous_ship_to,ship_to_changed_at,requested_at,shipped_at,delivered_at
                S1,NWL-1,E1,FedEx,1,Ada Lovelace,8047 Prospect Ln,,Brooklyn,NY,11215,US,,,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z
                S2,NWL-2,E2,FedEx,2,Alan Turing,8047 Prospect Lane,Unit 2,Brooklyn,NY,11215,US,,,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z
                S3,NWL-3,E3,FedEx,3,Grace Hopper,9 Pine Rd,,Austin,TX,78702,US,,,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z
                """;
        World w = build(Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")
                + Records.employee("E2", "Alan", "Turing", "+15125550102", "2 Oak Ave", "", "78702")
                + Records.employee("E3", "Grace", "Hopper", "+15125550103", "9 Pine Rd", "", "78702"), shipments);
        assertThat(w.graph().clusters()).hasSize(1);
        IdentityGraph.Cluster c = w.graph().clusters().get(0);
        assertThat(c.workers()).containsExactly("E1", "E2");
        assertThat(c.ties()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("ship_to");
            assertThat(t.display()).contains("8047 Prospect");
        });
    }

    @Test
    void aLaptopShippedToAnotherWorkersHomeTiesThem() throws Exception {
        String shipments = """
                shipment_id,asset_tag,employee_id,carrier,tracking_number,ship_to_name,ship_to_line1,ship_to_line2,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,previous_ship_to,ship_to_changed_at,requested_at,shipped_at,delivered_at
                S1,NWL-1,E1,FedEx,1,Ada Lovelace,9 Pine Road,,Austin,TX,78702,US,,,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z
                S2,NWL-3,E3,FedEx,3,Grace Hopper,9 Pine Rd,,Austin,TX,78702,US,,,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z
                """;
        World w = build(Records.employee("E1", "Ada", "Lovelace", "+15125550101", "1 Main St", "", "78701")
                + Records.employee("E3", "Grace", "Hopper", "+15125550103", "9 Pine Rd", "", "78702"), shipments);
        assertThat(w.graph().clusters()).singleElement().satisfies(c -> {
            assertThat(c.workers()).containsExactly("E1", "E3");
            assertThat(c.ties()).extracting(IdentityGraph.Tie::kind).containsExactly("ship_to");
        });
    }
}
