package dev.unravel.detect.apply;

import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * People tied together by strong shared identifiers (SSN, bank account, personal email, phone,
 * laptop, a laptop delivery building, résumés sent in one campaign; not a home address alone),
 * followed transitively: one operator's identities form one group even when no two of them share
 * everything. Each member gets one signal naming the group and the kinds of ties, with the ties'
 * records as evidence. Two people tied one way is strong; three or more, or two kinds of ties, is
 * near proof of shared infrastructure.
 *
 * <p>Settings: those of {@link Links}.
 */
public final class ClusterDetector implements Detector {

    public static final String ID = "apply.cluster";

    private Links links;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR, applicant, payroll and laptop-shipment records";
    }

    @Override
    public String description() {
        return "group of people tied together by strong shared identifiers";
    }

    @Override
    public Set<String> eventTypes() {
        return Links.EVENT_TYPES;
    }

    @Override
    public void onEvent(dev.unravel.core.Event event, DetectorContext context) {
        links.observe(event);
    }

    @Override
    public void start(DetectorContext context) {
        links = new Links(context);
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        List<Links.Tie> strong = new ArrayList<>();
        Map<String, String> parent = new HashMap<>();
        for (Links.Tie tie : links.ties(context.roster())) {
            if (!tie.strong()) {
                continue;
            }
            strong.add(tie);
            for (String other : tie.others()) {
                union(parent, tie.person(), other);
            }
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Map<String, Set<Links.Kind>> kinds = new HashMap<>();
        Map<String, Set<EventRef>> evidence = new HashMap<>();
        Map<String, Instant> times = new HashMap<>();
        for (Links.Tie tie : strong) {
            String root = find(parent, tie.person());
            groups.computeIfAbsent(root, k -> new LinkedHashSet<>()).add(tie.person());
            groups.get(root).addAll(tie.others());
            kinds.computeIfAbsent(root, k -> EnumSet.noneOf(Links.Kind.class)).add(tie.kind());
            evidence.computeIfAbsent(root, k -> new LinkedHashSet<>()).addAll(tie.evidence());
            times.merge(root, tie.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        for (Map.Entry<String, Set<String>> g : groups.entrySet()) {
            Set<String> members = g.getValue();
            if (members.size() < 2) {
                continue;
            }
            Set<Links.Kind> how = kinds.get(g.getKey());
            double strength = members.size() >= 3 || how.size() >= 2 ? 0.7 : 0.5;
            List<String> labels = new ArrayList<>();
            for (Links.Kind k : how) {
                labels.add(k.label().replaceFirst(" \\(.*\\)$", ""));
            }
            // members in a stable order so the explanation reads the same on every run
            List<String> ordered = new ArrayList<>(new TreeMap<>(toMap(members)).values());
            for (String person : ordered) {
                List<String> others = new ArrayList<>(ordered);
                others.remove(person);
                context.signal(ID, people.subject(person))
                        .stage(Stage.APPLY)
                        .strength(strength)
                        .at(times.get(g.getKey()))
                        .evidence(evidence.get(g.getKey()))
                        .because(people.describe(person) + " is one of " + members.size()
                                + " people tied together by a shared " + joinAnd(labels) + ", with "
                                + people.describeAll(others) + ".")
                        .emit();
            }
        }
    }

    private static Map<String, String> toMap(Set<String> members) {
        Map<String, String> m = new HashMap<>();
        for (String s : members) {
            m.put(s, s);
        }
        return m;
    }

    static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // path compression keeps later look-ups short
        String cur = x;
        while (!cur.equals(root)) {
            String next = parent.get(cur);
            parent.put(cur, root);
            cur = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
