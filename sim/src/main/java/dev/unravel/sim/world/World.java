package dev.unravel.sim.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The simulated company: its people, applicants, repositories and the scheme's facilitators. */
public final class World {
    public static final String COMPANY = "Northwind Labs";
    public static final String DOMAIN = "northwindlabs.com";
    public static final String GITHUB_ORG = "northwind-labs";
    public static final String OKTA_ORG = "northwindlabs.okta.com";

    public final long seed;
    public final String entraTenantId;
    public final String githubOrgId;
    public final List<Person> people = new ArrayList<>();
    public final List<Applicant> applicants = new ArrayList<>();
    public final List<Repo> repos = new ArrayList<>();
    public final List<Facilitator> facilitators = new ArrayList<>();
    private final Map<String, Person> byId = new HashMap<>();

    public World(long seed, String entraTenantId, String githubOrgId) {
        this.seed = seed;
        this.entraTenantId = entraTenantId;
        this.githubOrgId = githubOrgId;
    }

    public void add(Person p) {
        people.add(p);
        byId.put(p.id, p);
    }

    public Person person(String id) {
        return byId.get(id);
    }

    public List<Person> fraudulent() {
        return people.stream().filter(Person::fraud).toList();
    }
}
