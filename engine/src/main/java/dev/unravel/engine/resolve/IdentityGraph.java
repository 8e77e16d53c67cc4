package dev.unravel.engine.resolve;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.run.Activity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Entity resolution: ties accounts, devices, IPs and personal identifiers to the people behind
 * them, and finds the people who share identifiers they should not.
 *
 * <p>The graph is bipartite: a vertex per person (worker, or applicant never hired) and a vertex
 * per identifier (phone, personal email, bank account, SSN, device serial, home address, laptop
 * ship-to address), with an edge where a record gives that person that identifier. Clusters are
 * the connected components holding two or more people over <em>strong</em> identifiers: a shared
 * phone, mailbox, bank account, SSN or device, a home address shared by people with different
 * surnames (the same surname at one address is a household), and a laptop ship-to that is not the
 * worker's own home (the laptop farm, or another worker's declared home). Identifiers are keyed hashes: the report shows each tie's
 * kind and a short reference, never the raw number; addresses, which an analyst must visit, show.
 */
public final class IdentityGraph {

    /** One identifier shared by the members of a cluster. */
    public record Tie(String kind, String reference, String display, List<String> people) {
    }

    /** People tied by strong shared identifiers. */
    public record Cluster(String id, List<String> workers, List<String> applicants, List<Tie> ties) {
        public List<String> people() {
            List<String> all = new ArrayList<>(workers);
            all.addAll(applicants);
            return all;
        }
    }

    private final Roster roster;
    /** worker id → ship-to building keys (and their display form) that differ from home. */
    private final Map<String, Map<String, String>> shipTo = new HashMap<>();
    private List<Cluster> clusters = List.of();
    private final Map<String, Cluster> clusterOf = new HashMap<>();
    private final Map<String, String> personalEmails = new HashMap<>();

    public IdentityGraph(Roster roster) {
        this.roster = roster;
    }

    /** Takes what records say that the roster does not keep (laptop ship-to addresses). */
    public void observe(Event e) {
        if (!"asset.shipment".equals(e.type()) && !"asset.ship_to_changed".equals(e.type())) {
            return;
        }
        Map<String, Object> d = e.document();
        String worker = text(d.get("employee_id"));
        if (worker == null) {
            worker = e.user();
        }
        String building = Normalise.building(text(d.get("ship_to_line1")), text(d.get("ship_to_city")),
                text(d.get("ship_to_state")), text(d.get("ship_to_postal_code")), text(d.get("ship_to_country")));
        if (worker == null || building == null) {
            return;
        }
        String display = String.join(", ", nonBlank(text(d.get("ship_to_line1")), text(d.get("ship_to_city")),
                (nz(text(d.get("ship_to_state"))) + " " + nz(text(d.get("ship_to_postal_code")))).strip()));
        shipTo.computeIfAbsent(worker, k -> new LinkedHashMap<>()).put(building, display);
        shipmentsTaken++;
    }

    /** Shipments taken ({@link #observe}), and what the last build was built from: a build with nothing new is skipped. */
    private long shipmentsTaken;
    private long builtFromRecords = -1;
    private long builtFromShipments = -1;

    /**
     * Builds the graph from the roster and what was observed so far: after the last event, or
     * again at any point for a report as things stand (each build replaces the last).
     */
    public void build() {
        if (builtFromRecords == roster.recordsTaken() && builtFromShipments == shipmentsTaken) {
            return; // nothing new since the last build (reports as things stand come each day)
        }
        builtFromRecords = roster.recordsTaken();
        builtFromShipments = shipmentsTaken;
        clusterOf.clear();
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        Map<String, String> displays = new HashMap<>();
        Map<String, Set<String>> byIdentifier = new LinkedHashMap<>();
        List<Person> people = new ArrayList<>(roster.workers());
        for (Person a : roster.applicants()) {
            if (a.employeeId() == null || roster.worker(a.employeeId()) == null) {
                people.add(a);
            }
        }
        var pii = roster.pii();
        for (Person p : people) {
            String v = vertex(p);
            if (p.phone() != null) {
                tie(byIdentifier, "phone:" + pii.hash("phone", p.phone()), v);
            }
            if (p.personalEmail() != null) {
                tie(byIdentifier, "personal_email:" + pii.hash("email", p.personalEmail()), v);
                personalEmails.putIfAbsent(p.personalEmail(), v);
            }
            if (p.ssnHash() != null) {
                tie(byIdentifier, "ssn:" + p.ssnHash(), v);
            }
            for (String b : p.bankAccountHashes()) {
                tie(byIdentifier, "bank_account:" + b, v);
            }
            for (String s : p.serials()) {
                tie(byIdentifier, "device_serial:" + pii.hash("serial", s), v);
            }
            Person.Address home = p.address();
            if (home != null && home.key() != null) {
                String id = "home_address:" + pii.hash("address", home.key());
                tie(byIdentifier, id, v);
                displays.put(id, home.oneLine());
            }
            Map<String, String> ships = p.isWorker() ? shipTo.get(p.id()) : null;
            if (ships != null) {
                for (var s : ships.entrySet()) {
                    if (home == null || !s.getKey().equals(home.building())) {
                        String id = "ship_to:" + pii.hash("address", s.getKey());
                        tie(byIdentifier, id, v);
                        displays.put(id, s.getValue());
                    }
                }
            }
        }
        // A laptop shipped to someone else's declared home ties the two, as a shared farm address does.
        for (Person p : people) {
            Person.Address home = p.address();
            if (home != null && home.building() != null) {
                String id = "ship_to:" + pii.hash("address", home.building());
                if (byIdentifier.containsKey(id)) {
                    tie(byIdentifier, id, vertex(p));
                }
            }
        }
        Map<String, Person> byVertex = new HashMap<>();
        for (Person p : people) {
            byVertex.put(vertex(p), p);
            g.addVertex(vertex(p));
        }
        List<String> strong = new ArrayList<>();
        for (var e : byIdentifier.entrySet()) {
            Set<String> holders = e.getValue();
            boolean address = e.getKey().startsWith("home_address:") || e.getKey().startsWith("ship_to:");
            if (holders.size() < 2 || (address && household(holders, byVertex))) {
                continue;
            }
            strong.add(e.getKey());
            g.addVertex(e.getKey());
            for (String h : holders) {
                g.addEdge(e.getKey(), h);
            }
        }
        List<Cluster> found = new ArrayList<>();
        for (Set<String> component : new ConnectivityInspector<>(g).connectedSets()) {
            List<String> workers = new ArrayList<>();
            List<String> applicants = new ArrayList<>();
            List<Tie> ties = new ArrayList<>();
            for (String v : component) {
                Person p = byVertex.get(v);
                if (p != null) {
                    (p.isWorker() ? workers : applicants).add(p.id());
                }
            }
            if (workers.size() + applicants.size() < 2) {
                continue;
            }
            for (String v : component) {
                if (!byVertex.containsKey(v)) {
                    int colon = v.indexOf(':');
                    List<String> holders = byIdentifier.get(v).stream().map(h -> byVertex.get(h).id()).sorted().toList();
                    ties.add(new Tie(v.substring(0, colon), v.substring(colon + 1, Math.min(v.length(), colon + 9)),
                            displays.get(v), holders));
                }
            }
            workers.sort(null);
            applicants.sort(null);
            ties.sort(Comparator.comparing(Tie::kind).thenComparing(Tie::reference));
            found.add(new Cluster(null, workers, applicants, ties));
        }
        found.sort(Comparator.comparing((Cluster c) -> -c.people().size()).thenComparing(c -> c.people().get(0)));
        List<Cluster> numbered = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Cluster c = found.get(i);
            Cluster n = new Cluster("C" + (i + 1), c.workers(), c.applicants(), c.ties());
            numbered.add(n);
            for (String w : n.people()) {
                clusterOf.put(w, n);
            }
        }
        this.clusters = List.copyOf(numbered);
        if (strong.isEmpty()) {
            this.clusters = List.of();
        }
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** The cluster a worker or applicant belongs to, or null. */
    public Cluster clusterOf(String personId) {
        return clusterOf.get(personId);
    }

    /**
     * The person a signal's subject belongs to: a worker id, an applicant id (never hired), or null
     * when the subject cannot be tied to one person (an IP several workers used, an unknown account).
     */
    public String resolve(EntityRef subject, Activity activity) {
        String v = subject.value();
        return switch (subject.kind()) {
            case WORKER -> v;
            case APPLICANT -> {
                Person a = roster.applicant(v);
                yield a != null && a.employeeId() != null && roster.worker(a.employeeId()) != null ? a.employeeId() : v;
            }
            case ACCOUNT -> roster.workerIdOfAccount(v);
            case HOST, DEVICE -> roster.workerIdOfHost(v);
            case IP -> activity.onlyWorkerBehind(v);
            case EMAIL -> {
                String w = roster.workerIdOfAccount(v);
                if (w == null) {
                    String pv = personalEmails.get(Normalise.email(v));
                    w = pv == null ? null : pv.substring(pv.indexOf(':') + 1);
                }
                yield w;
            }
            default -> null;
        };
    }

    /** True when everyone at the address shares one surname: a household, not a tie. */
    private static boolean household(Set<String> holders, Map<String, Person> byVertex) {
        String surname = null;
        for (String h : holders) {
            Person p = byVertex.get(h);
            String s = p.lastName() == null ? "" : p.lastName().strip().toLowerCase(Locale.ROOT);
            if (surname == null) {
                surname = s;
            } else if (!surname.equals(s)) {
                return false;
            }
        }
        return surname != null && !surname.isEmpty();
    }

    private static void tie(Map<String, Set<String>> byIdentifier, String identifier, String person) {
        byIdentifier.computeIfAbsent(identifier, k -> new LinkedHashSet<>()).add(person);
    }

    private static String vertex(Person p) {
        return (p.isWorker() ? "worker:" : "applicant:") + p.id();
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
