package dev.unravel.detect.roster;

import dev.unravel.core.Event;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * Who the company says its people are: workers from HR records and applicants from the
 * applicant-tracking system, with their devices from asset records and deposit accounts from
 * payroll. It also answers "whose is this account or device?" for log events, learning account
 * aliases the logs themselves reveal (a GitHub login tied to a work email by SAML single sign-on).
 *
 * <p>The engine feeds every event to {@link #observe(Event)} before detectors see it, and reads
 * record files before log files, so detectors find the roster complete. Not thread-safe: the
 * engine uses it from its one detection thread.
 */
public final class Roster {

    private final Pii pii;
    private final Map<String, Person> workers = new LinkedHashMap<>();
    private final Map<String, Person> applicants = new LinkedHashMap<>();
    /** Account names (work email, username, learned aliases; lower case) to worker id. */
    private final Map<String, String> accounts = new HashMap<>();
    /** Some account key holds a backslash: only then can a {@code DOMAIN\\user} name match whole. */
    private boolean backslashAccounts;
    /** Hostnames (lower case, without domain) and serials (upper case) to worker id. */
    private final Map<String, String> devices = new HashMap<>();
    /**
     * CrowdStrike Falcon sensor ids ({@code aid}, lower case) to the computer name (as written) the
     * sensor's aidmaster record or an event gives: FDR's process and network events name the
     * computer by its aid alone.
     */
    private final Map<String, String> sensors = new HashMap<>();
    /** Windows account SIDs (as {@link #sid} writes them) to the account name a logon gave with them. */
    private final Map<String, String> sids = new HashMap<>();
    /** The source of CrowdStrike Falcon's events, the one agent that names computers and accounts by ids. */
    private static final String FALCON = "crowdstrike";
    /** Past this, hostile or enormous inputs teach no more aliases (those learned stay). */
    private static final int MAX_ALIASES = 1 << 20;
    private long aliasesLearned;

    public Roster(Pii pii) {
        this.pii = pii;
    }

    public Pii pii() {
        return pii;
    }

    /** Takes what a record says about a person, and what a log event says about account aliases. */
    public void observe(Event e) {
        lastEvent = null;
        String type = e.type();
        switch (type) {
            case "hr.hire" -> hire(e);
            case "hr.terminate" -> terminate(e);
            case "hr.address" -> address(workerFor(e.user()), e.document(), "");
            case "payroll.account" -> payroll(e);
            case "hr.referral" -> referral(e);
            case "applicant.submitted" -> applied(e);
            case "asset.assigned" -> assigned(e);
            default -> {
                if ("github".equals(e.source())) {
                    learnGithubLogin(e);
                } else if ("jamf".equals(e.source())) {
                    learnJamfAssignment(e);
                } else if (FALCON.equals(e.source())) {
                    learnFalconNames(e);
                }
                return;
            }
        }
        recordsTaken++;
    }

    private long recordsTaken;

    /** How many HR, payroll, applicant and asset records the roster has taken: what it holds changes with it. */
    public long recordsTaken() {
        return recordsTaken;
    }

    // ------------------------------------------------------------------ look-ups

    public Person worker(String id) {
        return id == null ? null : workers.get(id);
    }

    public Person applicant(String id) {
        return id == null ? null : applicants.get(id);
    }

    public Collection<Person> workers() {
        return Collections.unmodifiableCollection(workers.values());
    }

    public Collection<Person> applicants() {
        return Collections.unmodifiableCollection(applicants.values());
    }

    public int size() {
        return workers.size();
    }

    /**
     * The workers whose personal address HR holds is {@code address} (compared as
     * {@link Normalise#email} compares, Gmail's dots aside); empty when none. The index is built
     * again only when the roster has taken more records.
     */
    public List<Person> workersWithPersonalEmail(String address) {
        String key = Normalise.email(address);
        if (key == null) {
            return List.of();
        }
        if (byPersonalEmailOf != recordsTaken) {
            Map<String, List<Person>> index = new HashMap<>();
            for (Person p : workers.values()) {
                if (p.personalEmail != null) {
                    index.computeIfAbsent(p.personalEmail, k -> new ArrayList<>(1)).add(p);
                }
            }
            byPersonalEmail = index;
            byPersonalEmailOf = recordsTaken;
        }
        return Collections.unmodifiableList(byPersonalEmail.getOrDefault(key, List.of()));
    }

    private Map<String, List<Person>> byPersonalEmail = Map.of();
    private long byPersonalEmailOf = -1;

    /**
     * Whether {@code workerIds} are two people HR records at one home address: a couple or flatmates,
     * whose shared line or router says nothing about a farm (the address detectors judge shared
     * addresses).
     */
    public boolean oneHousehold(Collection<String> workerIds) {
        if (workerIds.size() != 2) {
            return false;
        }
        String key = null;
        for (String w : workerIds) {
            Person p = worker(w);
            if (p == null || p.address() == null || p.address().key() == null) {
                return false;
            }
            if (key != null && !key.equals(p.address().key())) {
                return false;
            }
            key = p.address().key();
        }
        return true;
    }

    public long aliasesLearned() {
        return aliasesLearned;
    }

    /** The last event resolved, and to whom: the engine and several detectors ask about the same event in turn. */
    private Event lastEvent;
    private String lastWorker;

    /**
     * Tells the roster whom {@code e} was resolved to (null: nobody) when it arrived, so that the
     * detectors asking {@link #workerIdOf} when it comes out of the reorder buffer, thousands of
     * events later, do not look it up again (that look-up was a tenth of the detection thread's
     * time: a miss in maps of every account in the company).
     */
    public void resolved(Event e, String workerId) {
        lastEvent = e;
        lastWorker = workerId;
    }

    /** The worker id behind an event: its account first, then its device; null when unknown. */
    public String workerIdOf(Event e) {
        if (e == lastEvent) {
            return lastWorker;
        }
        String w = workerIdOfAccount(e.user());
        if (w == null) {
            w = workerIdOfHost(e.host());
        }
        lastEvent = e;
        lastWorker = w;
        return w;
    }

    /**
     * The worker behind an account name: a work email, username, {@code DOMAIN\\user}, a UPN, or a
     * learned alias; case does not matter. Null when unknown.
     */
    public String workerIdOfAccount(String account) {
        if (account == null || account.isEmpty()) {
            return null;
        }
        Answer a = answers.get(account);
        if (a != null && a.version == version) {
            return a.worker;
        }
        String w = lookUpAccount(account);
        if (a == null) {
            if (answers.size() >= MAX_ANSWERS) {
                answers.clear(); // bounded: hostile or enormous inputs start it over
            }
            a = new Answer();
            answers.put(account, a);
        }
        a.worker = w;
        a.version = version;
        return w;
    }

    /**
     * The last answer for an account spelling, good while {@link #version} is unchanged: a scan
     * sees a few spellings per worker millions of times, each event with its own copy of the text
     * (whose hash the event computed on a reader thread), and cutting, lower-casing and looking it
     * up on every event was a tenth of the detection thread's time.
     */
    private static final class Answer {
        String worker;
        int version;
    }

    private static final int MAX_ANSWERS = 1 << 16;
    private final Map<String, Answer> answers = new HashMap<>();
    /** Changes whenever an account or a worker is added: every remembered answer is then asked again. */
    private int version;

    private String lookUpAccount(String account) {
        int backslash = account.lastIndexOf('\\');
        if (backslash >= 0 && !backslashAccounts) {
            // DOMAIN\\user, and no key could match it whole: one look-up of the user part, not two
            return accounts.get(account.substring(backslash + 1).toLowerCase(Locale.ROOT));
        }
        String a = account.toLowerCase(Locale.ROOT);
        String w = accounts.get(a);
        if (w != null) {
            return w;
        }
        int slash = a.lastIndexOf('\\');
        if (slash >= 0) {
            return accounts.get(a.substring(slash + 1));
        }
        if (workers.containsKey(account)) {
            return account;
        }
        if (sid(account) != null) {
            String name = sids.get(sid(account));
            if (name != null) {
                return lookUpAccount(name); // a name, never a SID: no second round
            }
        }
        return null;
    }

    /** Whether asset records assigned any device: else a device assigned to no one says nothing. */
    public boolean knowsDevices() {
        return !devices.isEmpty();
    }

    /** The worker a device (hostname, FQDN or serial) is assigned to; null when unknown. */
    public String workerIdOfHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String w = assignedHost(host);
        if (w == null) {
            String computer = sensors.get(host.toLowerCase(Locale.ROOT));
            if (computer != null) {
                w = assignedHost(computer); // never through the sensors again: an alias cannot loop
            }
        }
        return w;
    }

    /** The worker an asset record assigned the device (hostname, FQDN or serial) to. */
    private String assignedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        String w = devices.get(h);
        if (w == null) {
            int dot = h.indexOf('.');
            if (dot > 0) {
                w = devices.get(h.substring(0, dot));
            }
        }
        return w != null ? w : devices.get(host.toUpperCase(Locale.ROOT));
    }

    private void putAccount(String key, String workerId) {
        if (!workerId.equals(accounts.put(key, workerId))) {
            version++; // only a change asks the remembered answers again
        }
        backslashAccounts |= key.indexOf('\\') >= 0;
    }

    // ------------------------------------------------------------------ records

    private Person workerFor(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return workers.computeIfAbsent(id, k -> {
            version++; // a new worker id answers for itself as an account
            return new Person(k, Person.Kind.WORKER);
        });
    }

    private void hire(Event e) {
        Map<String, Object> d = e.document();
        Person p = workerFor(e.user());
        if (p == null) {
            return;
        }
        p.firstName = text(d, "legal_first_name");
        p.lastName = text(d, "legal_last_name");
        p.dateOfBirth = date(text(d, "date_of_birth"));
        p.country = upper(text(d, "country"));
        p.state = text(d, "state");
        p.timeZone = zone(text(d, "time_zone"));
        p.department = text(d, "department");
        p.title = text(d, "title");
        p.employmentType = text(d, "employment_type");
        p.workLocation = text(d, "work_location");
        p.hireDate = date(text(d, "hire_date"));
        p.personalEmail = Normalise.email(text(d, "personal_email"));
        p.phone = Normalise.phone(text(d, "phone"), p.country == null ? "US" : p.country);
        String ssn = Normalise.ssn(text(d, "ssn"));
        p.ssnHash = ssn == null ? null : pii.hash("ssn", ssn);
        p.applicantId = text(d, "applicant_id");
        String work = lower(text(d, "work_email"));
        if (work != null) {
            p.workEmail = work;
            putAccount(work, p.id());
        }
        String user = lower(text(d, "username"));
        if (user != null) {
            p.username = user;
            if (!accounts.containsKey(user)) {
                putAccount(user, p.id());
            }
        }
        if (p.addresses.isEmpty()) {
            address(p, d, "");
        }
        Person a = applicant(p.applicantId);
        if (a != null) {
            a.employeeId = p.id();
            if (p.referrer == null) {
                p.referrer = a.referrer;
            }
            p.appliedAt = a.appliedAt;
        }
    }

    private void terminate(Event e) {
        Person p = workerFor(e.user());
        if (p != null) {
            p.terminationDate = date(text(e.document(), "termination_date"));
            p.terminationReason = text(e.document(), "termination_reason");
        }
    }

    private void address(Person p, Map<String, Object> d, String prefix) {
        if (p == null) {
            return;
        }
        String line1 = text(d, prefix + "address_line1");
        String line2 = text(d, prefix + "address_line2");
        String city = text(d, prefix + "city");
        String state = text(d, prefix + "state");
        String postal = text(d, prefix + "postal_code");
        String country = upper(text(d, prefix + "country"));
        if (line1 == null && city == null) {
            return;
        }
        String key = Normalise.address(line1, line2, city, state, postal, country);
        Person.Address a = new Person.Address(line1, line2, city, state, postal, country, key,
                Normalise.building(line1, city, state, postal, country), date(text(d, "effective_from")));
        if (!p.addresses.isEmpty() && key != null && key.equals(p.addresses.get(p.addresses.size() - 1).key())) {
            return;
        }
        p.addresses.add(a);
    }

    private void payroll(Event e) {
        Person p = workerFor(e.user());
        String acct = Normalise.bankAccount(text(e.document(), "routing_number"), text(e.document(), "account_number"));
        if (p != null && acct != null) {
            p.bankAccountHashes.add(pii.hash("bank", acct));
        }
    }

    private void referral(Event e) {
        Person a = applicant(text(e.document(), "applicant_id"));
        String referrer = text(e.document(), "referrer_employee_id");
        if (a != null) {
            a.referrer = referrer;
            Person w = worker(a.employeeId);
            if (w != null && w.referrer == null) {
                w.referrer = referrer;
            }
        }
    }

    private void applied(Event e) {
        Map<String, Object> d = e.document();
        String id = text(d, "applicant_id");
        if (id == null) {
            return;
        }
        Person a = applicants.computeIfAbsent(id, k -> new Person(k, Person.Kind.APPLICANT));
        a.applicantId = id;
        a.firstName = text(d, "first_name");
        a.lastName = text(d, "last_name");
        a.country = upper(text(d, "country"));
        a.state = text(d, "state");
        a.personalEmail = Normalise.email(text(d, "email"));
        a.phone = Normalise.phone(text(d, "phone"), a.country == null ? "US" : a.country);
        a.appliedAt = e.time();
        String referrer = text(d, "referrer_employee_id");
        if (referrer != null) {
            a.referrer = referrer;
        }
        a.employeeId = text(d, "employee_id");
        address(a, d, "");
        Person w = workers.get(a.employeeId);
        if (w != null) {
            if (w.referrer == null) {
                w.referrer = a.referrer;
            }
            w.appliedAt = a.appliedAt;
        }
    }

    private void assigned(Event e) {
        Map<String, Object> d = e.document();
        Person p = workerFor(text(d, "assigned_employee_id"));
        if (p == null) {
            return;
        }
        String host = lower(text(d, "hostname"));
        if (host != null) {
            p.hosts.add(host);
            devices.put(host, p.id());
        }
        String serial = upper(text(d, "serial_number"));
        if (serial != null) {
            p.serials.add(serial);
            devices.put(serial, p.id());
        }
    }

    /**
     * {@code e} with the names the roster learned in place of Falcon's ids: the computer's name for
     * a sensor id, the account's name for a SID; {@code e} itself when it names neither (every
     * other agent's event). Detectors then tell a laptop by one name whichever agent saw it, and
     * an explanation names {@code NWL-LT-10206}, not {@code e6238b92…}.
     */
    public Event named(Event e) {
        if (!FALCON.equals(e.source()) || (sensors.isEmpty() && sids.isEmpty())) {
            return e;
        }
        String computer = e.host() == null ? null : sensors.get(e.host().toLowerCase(Locale.ROOT));
        String sid = sid(e.user());
        String account = sid == null ? null : sids.get(sid);
        if (computer == null && account == null) {
            return e;
        }
        return new Event(e.time(), e.source(), e.type(), e.logSource(), account != null ? account : e.user(),
                computer != null ? computer : e.host(), e.sourceIp(), e.document(), e.origin());
    }

    /**
     * Falcon names a computer by its sensor id and an account by its SID in most events; its
     * aidmaster records (and any event with both) say which computer an aid is, and its logon and
     * identity events which account a SID is.
     */
    private void learnFalconNames(Event e) {
        // most events name neither pair: look for the name first, which they lack
        Map<String, Object> d = e.document();
        String computer = text(d, "ComputerName"); // as the sensor gives it: what an explanation names
        if (computer != null) {
            String aid = text(d, "aid");
            if (aid != null && !aid.equalsIgnoreCase(computer) && sensors.size() < MAX_ALIASES
                    && !computer.equals(sensors.put(aid.toLowerCase(Locale.ROOT), computer))) {
                aliasesLearned++;
            }
        }
        String name = text(d, "UserName");
        if (name == null) {
            name = text(d, "UserPrincipal");
        }
        if (name != null && sid(name) == null) {
            String sid = sid(text(d, "UserSid"));
            if (sid != null && sids.size() < MAX_ALIASES && !name.equals(sids.put(sid, name))) {
                aliasesLearned++;
                version++; // an account answered before as nobody's may be someone's now
            }
        }
    }

    /**
     * A Windows SID as the roster keeps it ({@code S-1-5-21-…}: its one letter in upper case, which
     * is how Windows writes it, so nothing is copied for it), or null when {@code s} is none.
     */
    static String sid(String s) {
        if (s == null || s.length() < 5 || !s.startsWith("-1-", 1)) {
            return null;
        }
        char c = s.charAt(0);
        return c == 'S' ? s : c == 's' ? "S" + s.substring(1) : null;
    }

    /** GitHub Enterprise audit events carry the SAML name id (the work email) next to the login. */
    private void learnGithubLogin(Event e) {
        String login = e.user();
        if (login == null || login.isEmpty() || accounts.containsKey(login.toLowerCase(Locale.ROOT))) {
            return;
        }
        String w = workerIdOfAccount(text(e.document(), "external_identity_nameid"));
        if (w != null) {
            putAccount(login.toLowerCase(Locale.ROOT), w);
            workers.get(w).accounts.add(login);
            aliasesLearned++;
        }
    }

    /**
     * Jamf Pro's record of a Mac names the person it is assigned to ({@code userAndLocation}: email,
     * username): for a Mac the asset register does not list (a company whose Jamf is its register of
     * Macs), the Mac and its serial become that worker's. The asset register, when it lists the
     * Mac, stands: Jamf's user may be whoever enrolled it.
     */
    private void learnJamfAssignment(Event e) {
        String host = lower(e.host());
        if (host == null || assignedHost(host) != null) {
            return;
        }
        Map<String, Object> d = e.document();
        String w = null;
        if (d.get("userAndLocation") instanceof Map<?, ?> user) {
            Object email = user.get("email");
            w = email == null ? null : workerIdOfAccount(email.toString());
        }
        if (w == null) {
            w = workerIdOfAccount(e.user());
        }
        if (w == null) {
            return;
        }
        Person p = workers.get(w);
        p.hosts.add(host);
        devices.put(host, w);
        if (d.get("hardware") instanceof Map<?, ?> hardware && hardware.get("serialNumber") instanceof String serial
                && !serial.isBlank() && !devices.containsKey(serial.strip().toUpperCase(Locale.ROOT))) {
            p.serials.add(serial.strip().toUpperCase(Locale.ROOT));
            devices.put(serial.strip().toUpperCase(Locale.ROOT), w);
        }
        aliasesLearned++;
    }

    // ------------------------------------------------------------------ helpers

    static String text(Map<String, Object> d, String key) {
        Object v = d.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static LocalDate date(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeException ex) {
            return null;
        }
    }

    private static ZoneId zone(String s) {
        if (s == null) {
            return null;
        }
        try {
            return ZoneId.of(s);
        } catch (DateTimeException ex) {
            return s.equalsIgnoreCase("UTC") ? ZoneOffset.UTC : null;
        }
    }
}
