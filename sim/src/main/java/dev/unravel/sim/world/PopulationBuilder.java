package dev.unravel.sim.world;

import dev.unravel.core.EmploymentType;
import dev.unravel.sim.Rng;
import dev.unravel.sim.SimConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the simulated company: the workers employed on the first day, the ones hired during the
 * simulated days, applicants who were never hired, the repositories, and the fraudulent workers
 * with their facilitators.
 *
 * <p>Each person's attributes come from a random stream keyed by the seed and the person's index,
 * so one person's draws never depend on another's. Benign look-alike behaviour ({@link Noise}) is
 * assigned generously: a detector that cannot tell a traveller from an operator is useless.
 */
public final class PopulationBuilder {
    private static final ZoneId KOREA = ZoneId.of("Asia/Pyongyang");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final SimConfig config;
    private final World world;
    private final Map<String, List<Person>> byDepartment = new HashMap<>();
    private final java.util.Set<String> usernames = new java.util.HashSet<>();
    private final java.util.Set<String> mailboxes = new java.util.HashSet<>();
    private int applicantSeq;

    public PopulationBuilder(SimConfig config) {
        this.config = config;
        Rng ids = Rng.of(config.seed(), Rng.key("tenant"));
        this.world = new World(config.seed(), ids.uuid().toString(), Long.toString(10_000_000L + ids.nextInt(89_999_999)));
    }

    public World build() {
        buildRepos();
        int n = config.employees();
        int newHires = Math.max(2, n / 50);
        for (int i = 0; i < n + newHires; i++) {
            Person p = genuine(i, i >= n);
            world.add(p);
            byDepartment.computeIfAbsent(p.department, d -> new ArrayList<>()).add(p);
        }
        couples();
        for (int k = 0; k < config.fraud(); k++) {
            fraud(n + newHires + k, Persona.values()[k % Persona.values().length], k);
        }
        unhiredApplicants(Math.max(5, n / 5));
        raspberryPiDevelopers();
        inputLanguages();
        sharesOutside();
        sharedBuildHosts();
        voiceChangerUsers();
        return world;
    }

    /**
     * A team in about every 250 workers commits now and then from a shared build host that one of
     * them set up with their own git identity (name, work email, GitHub login): the near miss of a
     * farm's one machine. Three genuine engineers of a department, chosen last from a stream of
     * their own.
     */
    private void sharedBuildHosts() {
        Rng rng = Rng.of(config.seed(), Rng.key("build-host"));
        List<String> departments = byDepartment.keySet().stream().sorted()
                .filter(d -> byDepartment.get(d).stream().filter(p -> p.engineer).count() >= 3).toList();
        int wanted = Math.max(1, config.employees() / 250);
        for (int made = 0, attempt = 0; made < wanted && attempt < wanted * 20 && !departments.isEmpty(); attempt++) {
            List<Person> team = byDepartment.get(departments.get(rng.nextInt(departments.size()))).stream()
                    .filter(p -> !p.fraud() && p.engineer && p.buildHostIdentity == null
                            && !p.noise.contains(Noise.SHARED_BUILD_HOST) && p.terminationDate == null)
                    .toList();
            if (team.size() < 3) {
                continue;
            }
            Person owner = team.get(rng.nextInt(team.size()));
            owner.noise.add(Noise.SHARED_BUILD_HOST);
            for (int added = 0, tries = 0; added < 2 && tries < 50; tries++) {
                Person mate = team.get(rng.nextInt(team.size()));
                if (mate != owner && mate.buildHostIdentity == null) {
                    mate.buildHostIdentity = owner;
                    mate.noise.add(Noise.SHARED_BUILD_HOST);
                    added++;
                }
            }
            made++;
        }
    }

    /**
     * The operators type Korean (the synthetic identities' operators, living in China, Chinese),
     * except the IP-KVM facilitator's, who leaves the laptop as shipped. About one genuine worker in
     * fifty writes Korean or Chinese too and has it on the laptop from the start: the near miss.
     * From a stream of its own, chosen last, so no earlier choice changes.
     */
    private void inputLanguages() {
        Rng rng = Rng.of(config.seed(), Rng.key("input-language"));
        for (Person p : world.people) {
            if (p.fraud()) {
                p.inputLanguage = switch (p.persona) {
                    case IPKVM_FACILITATOR -> null;
                    case SYNTHETIC_SHARED -> InputLanguage.CHINESE_SIMPLIFIED;
                    default -> InputLanguage.KOREAN;
                };
            } else if (rng.chance(0.02)) {
                p.noise.add(Noise.KOREAN_OR_CHINESE_TYPIST);
                p.inputLanguage = rng.chance(0.5) ? InputLanguage.KOREAN : InputLanguage.CHINESE_SIMPLIFIED;
            }
        }
    }

    /**
     * About one genuine worker in a hundred runs a voice changer on the laptop for games or
     * streaming: the near miss of the operator who runs one for calls. From a stream of its own,
     * chosen last, so no earlier choice changes.
     */
    private void voiceChangerUsers() {
        Rng rng = Rng.of(config.seed(), Rng.key("voice-changer-user"));
        for (Person p : world.people) {
            if (rng.chance(0.01) && !p.fraud() && p.laptop != null) {
                p.noise.add(Noise.VOICE_CHANGER_USER);
            }
        }
    }

    /**
     * A genuine worker in about twenty-five shares a few documents outside the company once during
     * the period (a client, their own personal address, a link anyone can open), as people do:
     * the near miss of the operator who shares dozens with their own address. From a stream of its
     * own, chosen last, so no earlier choice changes.
     */
    private void sharesOutside() {
        Rng rng = Rng.of(config.seed(), Rng.key("shares-outside"));
        for (Person p : world.people) {
            if (rng.chance(0.04) && !p.fraud()) {
                p.noise.add(Noise.SHARES_OUTSIDE);
            }
        }
    }

    /**
     * A few engineers on Windows laptops plug a Raspberry Pi rig into a display port now and then:
     * its Linux EDID (maker LNX) looks like half of an IP-KVM. Chosen last, from a stream of its
     * own, so no earlier choice (the couples take only people without noise) changes.
     */
    private void raspberryPiDevelopers() {
        Rng rng = Rng.of(config.seed(), Rng.key("raspberry-pi"));
        List<Person> candidates = world.people.stream()
                .filter(p -> !p.fraud() && p.engineer && p.laptop.windows()).toList();
        int wanted = Math.min(candidates.size(), Math.max(1, config.employees() / 250));
        for (int made = 0, attempt = 0; made < wanted && attempt < wanted * 20; attempt++) {
            Person p = candidates.get(rng.nextInt(candidates.size()));
            if (p.noise.add(Noise.RASPBERRY_PI_DISPLAY)) {
                made++;
            }
        }
    }

    // ---------------------------------------------------------------- repositories

    private void buildRepos() {
        Rng rng = Rng.of(config.seed(), Rng.key("repos"));
        int count = Math.max(24, Math.min(400, config.employees() / 6));
        String[] stems = {"payments", "billing", "auth", "identity", "search", "catalog", "orders", "inventory",
            "notifications", "analytics", "ledger", "gateway", "mobile", "web", "admin", "reporting", "ml", "etl",
            "infra", "terraform", "helm", "design-system", "docs", "sdk", "cli", "scheduler", "risk", "pricing"};
        String[] kinds = {"api", "service", "worker", "ui", "lib", "config", "pipeline", "app"};
        String[] teams = {"platform", "payments", "growth", "data", "mobile", "infra", "security", "frontend"};
        for (int i = 0; i < count; i++) {
            String name = stems[i % stems.length] + "-" + kinds[(i / stems.length + i) % kinds.length]
                    + (i >= stems.length * kinds.length ? "-" + (i / (stems.length * kinds.length) + 1) : "");
            String pkg = name.replace("-", "");
            List<String> paths = new ArrayList<>();
            paths.add("README.md");
            paths.add(rng.chance(0.5) ? "pom.xml" : "package.json");
            paths.add(".github/workflows/ci.yml");
            paths.add("config/application.yml");
            int files = rng.between(6, 14);
            for (int f = 0; f < files; f++) {
                String[] parts = {"Controller", "Service", "Repository", "Client", "Config", "Handler", "Mapper",
                    "Validator", "Job", "Model"};
                paths.add("src/main/java/com/northwindlabs/" + pkg + "/" + capital(stems[(i + f) % stems.length])
                        + parts[f % parts.length] + ".java");
            }
            paths.add("src/main/resources/db/migration/V1__init.sql");
            if (rng.chance(0.4)) {
                paths.add("deploy/secrets.enc.yaml");
            }
            world.repos.add(new Repo(name, teams[i % teams.length], rng.chance(0.92), List.copyOf(paths)));
        }
    }

    private static String capital(String s) {
        String[] words = s.split("-");
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- genuine workers

    private Person genuine(int index, boolean hiredDuringWindow) {
        Rng rng = Rng.of(config.seed(), Rng.key("person"), index);
        Person p = new Person();
        p.index = index;
        p.id = String.format(Locale.ROOT, "E%06d", 100_001 + index);
        p.firstName = rng.pick(Names.FIRST);
        p.lastName = rng.pick(Names.LAST);
        Catalog.Department dept = department(rng);
        p.department = dept.name();
        p.title = rng.pick(dept.titles());
        p.engineer = dept.name().equals("Engineering");
        p.itSupport = dept.name().equals("IT");
        p.employmentType = rng.chance(0.12) ? EmploymentType.CONTRACTOR : EmploymentType.EMPLOYEE;
        boolean abroad = p.employmentType == EmploymentType.CONTRACTOR && rng.chance(0.6);
        if (abroad) {
            p.homeCity = rng.pick(Geo.CONTRACTOR_HOMES);
            p.noise.add(Noise.CONTRACTOR_ABROAD);
        } else if (rng.chance(0.35)) {
            p.office = rng.pick(Geo.OFFICES);
            p.homeCity = p.office;
            p.noise.add(Noise.OFFICE_EGRESS);
        } else {
            p.homeCity = rng.pick(Geo.US_HOMES);
        }
        p.home = address(rng, p.homeCity);
        p.timeZone = p.homeCity.zone();
        p.workZone = p.timeZone;
        p.dateOfBirth = LocalDate.of(1960 + rng.nextInt(42), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
        p.ssn = validSsn(rng);
        identifiers(p, rng);
        phone(p, rng, p.homeCity);
        if (hiredDuringWindow) {
            int offset = rng.nextInt(Math.max(1, config.days() * 2 / 3));
            p.hireDate = nextWeekday(config.start().plusDays(offset));
            if (p.engineer) {
                p.noise.add(Noise.NEW_HIRE_BULK_CLONE);
            }
        } else {
            p.hireDate = config.start().minusDays(30 + rng.nextInt(8 * 365));
        }
        p.offerAt = atUtc(p.hireDate.minusDays(14 + rng.nextInt(21)), 17, rng);
        if (!hiredDuringWindow && rng.chance(0.01)) {
            p.terminationDate = config.start().plusDays(rng.nextInt(config.days()));
            p.terminationReason = rng.pick("Voluntary - new job", "Voluntary - relocation", "Involuntary - restructuring");
        }
        bank(p, rng, abroad);
        laptop(p, rng);
        workingHours(p, rng);
        behaviour(p, rng);
        manager(p);
        repos(p, rng);
        Applicant a = applicantFor(p, rng, p.hireDate);
        p.applicantId = a.id;
        if (p.office == null || hiredDuringWindow) {
            p.shipment = shipment(p, rng, p.home, null, null);
        }
        return p;
    }

    private Catalog.Department department(Rng rng) {
        int roll = rng.nextInt(100);
        for (Catalog.Department d : Catalog.DEPARTMENTS) {
            roll -= d.percent();
            if (roll < 0) {
                return d;
            }
        }
        return Catalog.DEPARTMENTS.get(0);
    }

    private void identifiers(Person p, Rng rng) {
        String first = p.firstName.toLowerCase(Locale.ROOT);
        String last = p.lastName.toLowerCase(Locale.ROOT);
        p.username = unique(usernames, (first.charAt(0) + last).replaceAll("[^a-z0-9]", ""));
        p.workEmail = unique(mailboxes, first + "." + last) + "@" + World.DOMAIN;
        p.personalEmail = switch (rng.nextInt(3)) {
            case 0 -> first + "." + last + rng.between(1, 99);
            case 1 -> first.charAt(0) + last + rng.between(60, 99);
            default -> first + last + rng.digits(3);
        } + "@" + rng.pick(Names.EMAIL_DOMAINS);
        p.oktaUserId = "00u" + rng.alnum(17);
        p.entraObjectId = rng.uuid().toString();
        p.githubLogin = first + "-" + last + "-" + Integer.toString(p.index, 36);
        p.githubUserId = Long.toString(10_000_000L + rng.nextInt(150_000_000));
        p.mfaDeviceId = "guv" + rng.alnum(17);
        p.mfaDeviceName = rng.pick(Catalog.PHONES);
        p.mfaEnrollmentId = "opf" + rng.alnum(17);
    }

    /** {@code base}, or {@code base2}, {@code base3}… when taken: how directories resolve name collisions. */
    private static String unique(java.util.Set<String> taken, String base) {
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    private void phone(Person p, Rng rng, City city) {
        String country = city.country();
        if (country.equals("US")) {
            p.phone = "+1" + city.areaCode() + rng.between(2, 10) + rng.digits(2) + rng.digits(4);
            if (p.phone.substring(5, 8).equals("555")) {
                p.phone = p.phone.substring(0, 5) + "556" + p.phone.substring(8);
            }
            double roll = rng.nextDouble();
            if (roll < 0.80) {
                p.phoneLineType = "mobile";
                p.phoneCarrier = rng.pick(Catalog.CARRIERS_MOBILE);
            } else if (roll < 0.97) {
                p.phoneLineType = "landline";
                p.phoneCarrier = rng.pick(Catalog.CARRIERS_LANDLINE);
            } else {
                // Some genuine people use Google Voice: VoIP alone is not fraud.
                p.phoneLineType = "nonFixedVoip";
                p.phoneCarrier = rng.pick(Catalog.CARRIERS_VOIP);
            }
        } else {
            String cc = switch (country) {
                case "PL" -> "48";
                case "IN" -> "91";
                case "PH" -> "63";
                case "BR" -> "55";
                case "AR" -> "54";
                case "PT" -> "351";
                default -> "1";
            };
            String mobilePrefix = switch (country) {
                case "PL" -> "5" + rng.between(0, 10) + rng.digits(7);
                case "IN" -> rng.pick("9", "8", "7") + rng.digits(9);
                case "PH" -> "9" + rng.between(15, 99) + rng.digits(7);
                case "BR" -> city.areaCode() + "9" + rng.digits(8);
                case "AR" -> "9" + city.areaCode() + rng.digits(8);
                case "PT" -> "9" + rng.pick("1", "2", "3", "6") + rng.digits(7);
                default -> rng.digits(10);
            };
            p.phone = "+" + cc + mobilePrefix;
            p.phoneLineType = "mobile";
            p.phoneCarrier = "Local mobile carrier";
        }
    }

    private Address address(Rng rng, City city) {
        String line1 = rng.between(10, 9999) + " " + rng.pick(Names.STREETS) + " " + rng.pick(Names.STREET_TYPES);
        String line2 = rng.chance(0.25) ? "Apt " + rng.between(1, 40) + rng.pick("", "A", "B", "C") : "";
        String zip = city.country().equals("US") && rng.chance(0.15)
                ? city.zip() + "-" + rng.digits(4) : city.zip();
        return new Address(line1, line2, city.name(), city.region(), zip, city.country());
    }

    /**
     * A well-formed SSN: area 001-899 but not 666 nor the railroad board's 700-728 (closed in 1963,
     * before anyone simulated could work), group 01-99, serial 0001-9999.
     */
    static String validSsn(Rng rng) {
        int area;
        do {
            area = rng.between(1, 900);
        } while (area == 666);
        if (area >= 700 && area <= 728) {
            area -= 200; // moved, not redrawn, so the random sequence and every later draw stay as they were
        }
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, rng.between(1, 100), rng.between(1, 10000));
    }

    private void bank(Person p, Rng rng, boolean abroad) {
        Catalog.Bank bank = abroad && rng.chance(0.7) ? rng.pick(Catalog.PAYOUT_PROVIDERS) : rng.pick(Catalog.BANKS);
        p.bankName = bank.name();
        p.routingNumber = bank.routing();
        p.accountNumber = rng.digits(rng.between(9, 13)).replaceFirst("^0", "4");
        if (rng.chance(0.04)) {
            Catalog.Bank old = rng.pick(Catalog.BANKS);
            LocalDate replaced = p.hireDate.plusDays(30 + rng.nextInt(300));
            if (replaced.isBefore(config.start())) {
                p.previousAccounts.add(new String[] {old.name(), old.routing(),
                    rng.digits(10).replaceFirst("^0", "5"), replaced.toString()});
            }
        }
    }

    private void laptop(Person p, Rng rng) {
        boolean mac = rng.chance(p.engineer || p.department.equals("Design") ? 0.45 : 0.15);
        String tag = String.format(Locale.ROOT, "NWL-%05d", 10_000 + p.index);
        long ip = dev.unravel.sim.world.Ipv4.parse("10.20.0.0") + 2 + p.index + (p.index / 254) * 2L;
        Host h = mac
                ? new Host(tag, "C02" + rng.alnum(9).toUpperCase(Locale.ROOT), "MacBook Pro 14-inch (M3, 2023)",
                        Host.Os.MACOS, String.format(Locale.ROOT, "NWL-MBP-%05d", 10_000 + p.index), Ipv4.format(ip),
                        rng.uuid().toString().toUpperCase(Locale.ROOT))
                : new Host(tag, rng.alnum(7).toUpperCase(Locale.ROOT), rng.pick("Dell Latitude 7440",
                        "Lenovo ThinkPad T14 Gen 4", "HP EliteBook 840 G10"), Host.Os.WINDOWS,
                        String.format(Locale.ROOT, "NWL-LT-%05d", 10_000 + p.index), Ipv4.format(ip),
                        rng.uuid().toString().toUpperCase(Locale.ROOT));
        p.laptop = h;
        p.homeNetwork = Internet.residential(p.homeCity.country(), p.index);
        p.homeIp = p.homeNetwork.address(Rng.key("home") ^ p.index);
    }

    private void workingHours(Person p, Rng rng) {
        p.dayStartMinute = (int) Math.round(Math.max(6 * 60, Math.min(11 * 60, rng.gaussian(8 * 60 + 45, 45))));
        p.dayLengthMinutes = (int) Math.round(Math.max(6 * 60, Math.min(11 * 60, rng.gaussian(8.5 * 60, 50))));
    }

    private void behaviour(Person p, Rng rng) {
        if (p.itSupport) {
            p.noise.add(Noise.IT_REMOTE_SUPPORT);
        }
        if (p.office == null && !p.noise.contains(Noise.CONTRACTOR_ABROAD) && rng.chance(0.3)) {
            p.noise.add(Noise.CORPORATE_VPN);
        }
        if (rng.chance(p.department.equals("Sales") ? 0.25 : 0.04)) {
            p.noise.add(Noise.BUSINESS_TRAVELLER);
        }
        if (rng.chance(0.04)) {
            p.noise.add(Noise.NIGHT_OWL);
            p.dayStartMinute = rng.between(13 * 60, 15 * 60 + 30);
            p.dayLengthMinutes = rng.between(9 * 60, 10 * 60 + 30);
        }
        if (rng.chance(0.025) && !p.noise.contains(Noise.CONTRACTOR_ABROAD)) {
            p.noise.add(Noise.MOVED_HOUSE);
            p.previousHome = p.home;
            City newCity = rng.chance(0.5) ? p.homeCity : rng.pick(Geo.US_HOMES);
            p.home = address(rng, newCity);
            p.homeCity = newCity;
            p.timeZone = newCity.zone();
            p.workZone = p.timeZone;
            p.movedOn = config.start().minusDays(60).plusDays(rng.nextInt(60 + config.days()));
            if (p.movedOn.isBefore(p.hireDate)) {
                p.movedOn = p.hireDate.plusDays(20);
            }
            p.homeNetwork = Internet.residential(newCity.country(), p.index + 7);
            p.homeIp = p.homeNetwork.address(Rng.key("home-moved") ^ p.index);
        }
    }

    private void manager(Person p) {
        List<Person> peers = byDepartment.get(p.department);
        if (peers == null || peers.isEmpty()) {
            return;
        }
        // The earliest people of a department manage; ten reports each on average.
        p.managerId = peers.get(Math.min(peers.size() - 1, peers.size() / 10)).id;
    }

    private void repos(Person p, Rng rng) {
        if (!p.engineer) {
            return;
        }
        int count = rng.between(2, 6);
        for (int i = 0; i < count; i++) {
            String r = rng.pick(world.repos).name();
            if (!p.repos.contains(r)) {
                p.repos.add(r);
            }
        }
    }

    /** A few workers share a household with a colleague: same address, same surname. */
    private void couples() {
        Rng rng = Rng.of(config.seed(), Rng.key("couples"));
        int pairs = Math.max(1, config.employees() / 100);
        List<Person> us = world.people.stream()
                .filter(p -> p.homeCity.country().equals("US") && p.noise.isEmpty()).toList();
        int made = 0;
        for (int attempt = 0; made < pairs && attempt < pairs * 20 && us.size() > 1; attempt++) {
            Person a = us.get(rng.nextInt(us.size()));
            Person b = us.get(rng.nextInt(us.size()));
            if (a == b || !a.noise.isEmpty() || !b.noise.isEmpty()) {
                continue;
            }
            made++;
            b.lastName = a.lastName;
            b.home = a.home;
            b.homeCity = a.homeCity;
            b.timeZone = a.timeZone;
            b.workZone = a.workZone;
            b.homeNetwork = a.homeNetwork;
            b.homeIp = a.homeIp;
            b.office = null;
            if (b.shipment != null) {
                b.shipment = new Shipment(b.shipment.id(), b.shipment.assetTag(), b.id, b.shipment.carrier(),
                        b.shipment.trackingNumber(), b.fullName(), a.home, null, null, b.shipment.requestedAt(),
                        b.shipment.shippedAt(), b.shipment.deliveredAt());
            }
            a.noise.add(Noise.COUPLE_SAME_ADDRESS);
            b.noise.add(Noise.COUPLE_SAME_ADDRESS);
        }
    }

    // ---------------------------------------------------------------- applicants

    private Applicant applicantFor(Person p, Rng rng, LocalDate hireDate) {
        Applicant a = new Applicant();
        a.id = String.format(Locale.ROOT, "A%07d", 2_000_001 + applicantSeq++);
        a.requisitionId = "REQ-" + (1000 + Math.floorMod(p.department.hashCode(), 90) * 10 + rng.nextInt(10));
        a.jobTitle = p.title;
        a.firstName = p.firstName;
        a.lastName = p.lastName;
        a.email = p.personalEmail;
        a.phone = p.phone;
        a.address = p.previousHome != null && p.movedOn.isAfter(hireDate) ? p.previousHome : p.home;
        a.offerAt = p.offerAt;
        a.appliedAt = p.offerAt.minusSeconds(86_400L * rng.between(14, 45) + rng.nextInt(36_000));
        a.source = rng.pick("linkedin", "careers_site", "job_board", "agency", "referral");
        if (a.source.equals("referral") && !world.people.isEmpty()) {
            a.referrerEmployeeId = world.people.get(rng.nextInt(world.people.size())).id;
        }
        a.status = "hired";
        a.employeeId = p.id;
        a.linkedinUrl = "https://www.linkedin.com/in/" + p.firstName.toLowerCase(Locale.ROOT) + "-"
                + p.lastName.toLowerCase(Locale.ROOT) + "-" + rng.hex(8);
        a.resumeText = resume(a, rng, p.title);
        a.interviewAt = a.appliedAt.plusSeconds(86_400L * rng.between(5, 12));
        a.interviewerId = p.managerId;
        a.cameraOn = true;
        a.interviewOutcome = "hire";
        a.interviewNotes = rng.pick("Strong fundamentals.", "Good communication, solid experience.",
                "Clear answers; recommend hire.", "Team fit is good.");
        a.idCheckAt = a.offerAt.plusSeconds(86_400L * rng.between(1, 4));
        a.idDocumentType = rng.pick("drivers_license", "passport");
        a.idDocumentCountry = p.homeCity.country();
        a.livenessResult = "pass";
        a.documentSelfieMatch = "match";
        a.selfieMatchScore = Math.round((0.86 + rng.nextDouble() * 0.13) * 1000) / 1000.0;
        a.idCheckIp = p.homeIp;
        a.idCheckCountry = p.homeCity.country();
        a.idCheckOutcome = "approved";
        world.applicants.add(a);
        return a;
    }

    private void unhiredApplicants(int count) {
        for (int i = 0; i < count; i++) {
            Rng rng = Rng.of(config.seed(), Rng.key("applicant"), i);
            Applicant a = new Applicant();
            a.id = String.format(Locale.ROOT, "A%07d", 2_000_001 + applicantSeq++);
            Catalog.Department dept = department(rng);
            a.jobTitle = rng.pick(dept.titles());
            a.requisitionId = "REQ-" + (1000 + rng.nextInt(900));
            a.firstName = rng.pick(Names.FIRST);
            a.lastName = rng.pick(Names.LAST);
            a.email = a.firstName.toLowerCase(Locale.ROOT) + "." + a.lastName.toLowerCase(Locale.ROOT)
                    + rng.between(1, 999) + "@" + rng.pick(Names.EMAIL_DOMAINS);
            City c = rng.pick(Geo.US_HOMES);
            a.phone = "+1" + c.areaCode() + rng.between(2, 10) + rng.digits(2) + rng.digits(4);
            a.address = address(rng, c);
            a.appliedAt = atUtc(config.start().minusDays(rng.between(1, 90)), rng.between(13, 23), rng);
            a.source = rng.pick("linkedin", "careers_site", "job_board", "agency");
            a.status = rng.pick("rejected", "rejected", "withdrawn", "offer_declined");
            a.linkedinUrl = "https://www.linkedin.com/in/" + a.firstName.toLowerCase(Locale.ROOT) + "-"
                    + a.lastName.toLowerCase(Locale.ROOT) + "-" + rng.hex(8);
            a.resumeText = resume(a, rng, a.jobTitle);
            if (!a.status.equals("withdrawn")) {
                a.interviewAt = a.appliedAt.plusSeconds(86_400L * rng.between(4, 10));
                a.cameraOn = rng.chance(0.97);
                a.interviewOutcome = a.status.equals("offer_declined") ? "hire" : "reject";
                a.interviewNotes = a.cameraOn ? "Not enough depth for the level." : "Candidate kept camera off.";
            }
            world.applicants.add(a);
        }
    }

    private static String resume(Applicant a, Rng rng, String title) {
        String[] skills = {"Java", "Kotlin", "Go", "Python", "TypeScript", "React", "Kubernetes", "AWS", "PostgreSQL",
            "Kafka", "Terraform", "Spring Boot", "GraphQL", "Redis", "Docker", "CI/CD", "Salesforce", "SQL", "Figma"};
        String[] companies = {"Globex", "Initech", "Hooli", "Vandelay Industries", "Stark Industries", "Umbrella Corp",
            "Wayne Enterprises", "Soylent", "Cyberdyne", "Massive Dynamic", "Wonka Industries", "Acme Corp"};
        StringBuilder b = new StringBuilder();
        b.append(a.fullName()).append('\n').append(title).append('\n').append(a.email).append(" | ").append(a.phone)
                .append("\n\nSUMMARY\n").append(rng.between(4, 15)).append(" years building ")
                .append(rng.pick("scalable", "reliable", "customer-facing", "data-intensive"))
                .append(" systems. Passionate about ").append(rng.pick(skills)).append(" and ").append(rng.pick(skills))
                .append(".\n\nEXPERIENCE\n");
        int jobs = rng.between(2, 5);
        for (int j = 0; j < jobs; j++) {
            int from = 2024 - j * 3 - rng.nextInt(2);
            b.append(rng.pick(companies)).append(" - ").append(title).append(" (").append(from - 3).append('-')
                    .append(from).append(")\n- Led ").append(rng.pick("migration of", "design of", "rollout of"))
                    .append(' ').append(rng.pick("the billing platform", "a real-time pipeline", "the mobile app",
                            "customer onboarding"))
                    .append(" using ").append(rng.pick(skills)).append(".\n- Improved ")
                    .append(rng.pick("latency", "throughput", "conversion", "reliability")).append(" by ")
                    .append(rng.between(10, 80)).append("%.\n");
        }
        b.append("\nSKILLS\n");
        for (int s = 0; s < 6; s++) {
            b.append(s == 0 ? "" : ", ").append(rng.pick(skills));
        }
        b.append("\n\nEDUCATION\nB.S. Computer Science, ")
                .append(rng.pick("University of Texas", "Ohio State University", "Penn State", "UC Davis"))
                .append('\n');
        return b.toString();
    }

    // ---------------------------------------------------------------- shipments

    private Shipment shipment(Person p, Rng rng, Address shipTo, Address previous, Instant changedAt) {
        LocalDate ship = p.hireDate.minusDays(rng.between(3, 7));
        Instant requested = atUtc(ship.minusDays(rng.between(1, 3)), 15, rng);
        Instant shipped = atUtc(ship, 21, rng);
        Instant delivered = atUtc(p.hireDate.minusDays(rng.between(1, 3)), 18, rng);
        boolean fedex = rng.chance(0.6);
        return new Shipment("SHP-" + (500_000 + p.index), p.laptop.assetTag(), p.id, fedex ? "FedEx" : "UPS",
                fedex ? rng.digits(12) : "1Z" + rng.alnum(6).toUpperCase(Locale.ROOT) + rng.digits(10),
                p.fullName(), shipTo, previous, changedAt, requested, shipped, delivered);
    }

    private static Instant atUtc(LocalDate day, int hour, Rng rng) {
        return day.atTime(LocalTime.of(hour, rng.nextInt(60), rng.nextInt(60))).toInstant(ZoneOffset.UTC);
    }

    private static LocalDate nextWeekday(LocalDate d) {
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        return d;
    }

    // ---------------------------------------------------------------- the scheme

    private final Map<Persona, Person> fraudByPersona = new EnumMap<>(Persona.class);

    private Facilitator facilitator(int k) {
        int id = k == 2 || k == 4 ? 1 : 0;
        while (world.facilitators.size() <= id) {
            int f = world.facilitators.size();
            Rng rng = Rng.of(config.seed(), Rng.key("facilitator"), f);
            City city = f == 0 ? rng.pick(Geo.US_HOMES) : rng.pick(Geo.US_HOMES);
            Network home = Internet.residential("US", f + 3);
            Network vpn = Internet.VPN.get(f % Internet.VPN.size());
            world.facilitators.add(new Facilitator("F" + (f + 1), rng.pick(Names.FIRST) + " " + rng.pick(Names.LAST),
                    address(rng, city), city, home.address(Rng.key("farm") + f), home,
                    vpn.address(Rng.key("vpn-exit") + f), vpn));
        }
        return world.facilitators.get(id);
    }

    private void fraud(int index, Persona persona, int k) {
        Rng rng = Rng.of(config.seed(), Rng.key("fraud"), index);
        Person p = genuineShell(index, rng);
        p.persona = persona;
        p.facilitator = facilitator(k);
        p.facilitator.workers.add(p.id);
        if (persona != Persona.IPKVM_FACILITATOR && p.facilitator.gitIdentity == null) {
            p.facilitator.gitIdentity = p;
        }
        p.workZone = rng.chance(0.6) ? KOREA : CHINA;
        p.dayStartMinute = rng.between(8 * 60 + 30, 9 * 60 + 30);
        p.dayLengthMinutes = rng.between(8 * 60 + 30, 10 * 60);
        p.hireDate = nextWeekday(config.start().plusDays(Math.min(config.days() - 1, 1 + k + rng.nextInt(3))));
        p.offerAt = atUtc(p.hireDate.minusDays(rng.between(12, 20)), 18, rng);
        Address declared = p.home;
        switch (persona) {
            case STOLEN_IDENTITY_FARM -> {
                // A real person's identity: everything on file checks out, born decades earlier.
                p.dateOfBirth = LocalDate.of(1958 + rng.nextInt(12), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
                p.ssn = validSsn(rng);
            }
            case SYNTHETIC_SHARED -> {
                p.ssn = rng.pick("666", "9" + rng.between(10, 100), "000") + "-" + String.format(Locale.ROOT, "%02d",
                        rng.between(1, 100)) + "-" + String.format(Locale.ROOT, "%04d", rng.between(1, 10000));
                p.phoneLineType = "nonFixedVoip";
                p.phoneCarrier = rng.pick(Catalog.CARRIERS_VOIP);
                Person partner = fraudByPersona.get(Persona.STOLEN_IDENTITY_FARM);
                if (partner != null) {
                    p.bankName = partner.bankName;
                    p.routingNumber = partner.routingNumber;
                    p.accountNumber = partner.accountNumber;
                    partner.phone = p.phone;
                    partner.phoneLineType = p.phoneLineType;
                    partner.phoneCarrier = p.phoneCarrier;
                }
            }
            case IPKVM_FACILITATOR -> {
                // The hard case: the stolen identity's address is the facilitator's house.
                p.home = p.facilitator.farmAddress;
                p.homeCity = p.facilitator.city;
                p.timeZone = p.homeCity.zone();
                declared = p.home;
            }
            case FAST_EXFILTRATOR, FIRED_EXTORTIONIST -> {
                p.phoneLineType = "nonFixedVoip";
                p.phoneCarrier = rng.pick(Catalog.CARRIERS_VOIP);
            }
        }
        if (persona == Persona.FIRED_EXTORTIONIST) {
            p.terminationDate = p.hireDate.plusDays(Math.max(3, Math.min(16, config.days() / 3)));
            p.terminationReason = "Involuntary - job abandonment";
        }
        // The laptop: rerouted to the farm after the offer, except in the hard case where the
        // declared home already is the facilitator's house.
        Address farm = p.facilitator.farmAddress;
        Instant changed = persona == Persona.IPKVM_FACILITATOR ? null
                : p.offerAt.plusSeconds(86_400L * rng.between(2, 6));
        p.shipment = shipment(p, rng, farm, persona == Persona.IPKVM_FACILITATOR ? null : declared, changed);
        Applicant a = applicantFor(p, rng, p.hireDate);
        p.applicantId = a.id;
        a.source = persona == Persona.FAST_EXFILTRATOR && fraudByPersona.containsKey(Persona.STOLEN_IDENTITY_FARM)
                ? "referral" : rng.pick("linkedin", "job_board", "agency");
        if (a.source.equals("referral")) {
            a.referrerEmployeeId = fraudByPersona.get(Persona.STOLEN_IDENTITY_FARM).id;
        }
        a.idCheckIp = p.facilitator.vpnExitIp;
        a.idCheckCountry = "US";
        if (persona == Persona.SYNTHETIC_SHARED) {
            a.livenessResult = "fail";
            a.documentSelfieMatch = "inconclusive";
            a.selfieMatchScore = 0.41;
            a.idCheckOutcome = "manual_review";
            a.interviewNotes = "Camera would not turn on; audio only. Answers sounded read out.";
            a.cameraOn = false;
            // The résumé is another applicant's with the name swapped.
            Applicant source = world.applicants.get(rng.nextInt(world.applicants.size()));
            a.resumeClonedFrom = source.id;
            a.resumeText = source.resumeText.replace(source.fullName(), a.fullName())
                    .replace(source.email, a.email).replace(source.phone, a.phone);
        } else if (persona == Persona.FIRED_EXTORTIONIST) {
            a.interviewNotes = "Strong on paper; long pauses before answers.";
        }
        p.repos.clear();
        p.repos.addAll(world.repos.subList(0, Math.min(3, world.repos.size())).stream().map(Repo::name).toList());
        fraudByPersona.put(persona, p);
        world.add(p);
    }

    /** A fraudulent worker starts as an ordinary engineer hired during the window. */
    private Person genuineShell(int index, Rng rng) {
        Person p = new Person();
        p.index = index;
        p.id = String.format(Locale.ROOT, "E%06d", 100_001 + index);
        p.firstName = rng.pick(Names.FIRST.subList(0, 90));
        p.lastName = rng.pick(Names.LAST.subList(0, 90));
        p.department = "Engineering";
        p.title = rng.pick("Senior Software Engineer", "Software Engineer", "Frontend Engineer");
        p.engineer = true;
        p.employmentType = rng.chance(0.5) ? EmploymentType.CONTRACTOR : EmploymentType.EMPLOYEE;
        p.homeCity = rng.pick(Geo.US_HOMES);
        p.home = address(rng, p.homeCity);
        p.timeZone = p.homeCity.zone();
        p.dateOfBirth = LocalDate.of(1985 + rng.nextInt(15), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
        p.ssn = validSsn(rng);
        identifiers(p, rng);
        p.personalEmail = p.firstName.toLowerCase(Locale.ROOT) + p.lastName.toLowerCase(Locale.ROOT) + ".dev"
                + rng.digits(2) + "@" + rng.pick("gmail.com", "outlook.com", "proton.me");
        phone(p, rng, p.homeCity);
        Catalog.Bank bank = rng.pick(Catalog.PAYOUT_PROVIDERS);
        p.bankName = bank.name();
        p.routingNumber = bank.routing();
        p.accountNumber = rng.digits(12).replaceFirst("^0", "8");
        p.hireDate = config.start();
        laptop(p, rng);
        manager(p);
        return p;
    }
}
