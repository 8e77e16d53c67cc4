package dev.unravel.sim.out;

import dev.unravel.core.EmploymentType;
import dev.unravel.sim.world.Address;
import dev.unravel.sim.world.Applicant;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Geo;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Shipment;
import dev.unravel.sim.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small hand-built company for the HR export tests: an office worker, a remote mover, a
 * terminated contractor abroad who changed bank account, a remote hire whose laptop ship-to was
 * changed, one worker not yet hired on the usual export day, and two applicants (one hired, one
 * never hired).
 */
final class HrWorld {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final String TRICKY_TITLE = "Engineer, \"Platform\"";
    static final Address DENVER = new Address("1520 Clarkson St", "Apt 3", "Denver", "CO", "80218", "US");
    static final Address BOSTON = new Address("45 Tremont St", null, "Boston", "MA", "02116", "US");
    static final Address FARM = new Address("88 Harbor Rd", "Unit 3", "Jersey City", "NJ", "07302", "US");
    static final Address MILLER_HOME = new Address("910 Elm St", null, "Columbus", "OH", "43215", "US");

    private HrWorld() {
    }

    /** The world; {@code reversed} adds people and applicants in the opposite order. */
    static World build(boolean reversed) {
        List<Person> people = new ArrayList<>(List.of(alice(), bob(), carla(), dan(), erin()));
        List<Applicant> applicants = new ArrayList<>(List.of(danApplication(), eveApplication()));
        if (reversed) {
            Collections.reverse(people);
            Collections.reverse(applicants);
        }
        World world = new World(7, "tenant", "org");
        people.forEach(world::add);
        world.applicants.addAll(applicants);
        return world;
    }

    private static Person person(String id, String first, String last, City city, Address home, String hired) {
        Person p = new Person();
        p.id = id;
        p.firstName = first;
        p.lastName = last;
        p.dateOfBirth = LocalDate.of(1990, 4, 12);
        p.ssn = "US".equals(city.country()) ? "521-44-01" + id.substring(id.length() - 2) : null;
        p.personalEmail = first.toLowerCase() + "." + last.toLowerCase() + "@example.com";
        p.workEmail = first.toLowerCase() + "." + last.toLowerCase() + "@" + World.DOMAIN;
        p.username = first.substring(0, 1).toLowerCase() + last.toLowerCase();
        p.phone = "+1" + city.areaCode() + "55501" + id.substring(id.length() - 2);
        p.phoneLineType = "mobile";
        p.phoneCarrier = "T-Mobile USA";
        p.home = home;
        p.homeCity = city;
        p.timeZone = city.zone();
        p.department = "Engineering";
        p.title = "Software Engineer";
        p.managerId = "E001";
        p.hireDate = LocalDate.parse(hired);
        p.employmentType = EmploymentType.EMPLOYEE;
        p.laptop = new Host("LT-" + id.substring(1), "SN" + id, "MacBook Pro 14", Host.Os.MACOS,
                "NWL-" + id, "10.8.0." + id.substring(1), "uuid-" + id);
        p.bankName = "Chase Bank";
        p.routingNumber = "021000021";
        p.accountNumber = "0001234" + id.substring(1);
        return p;
    }

    /** Works in the San Francisco office; her title needs quoting. */
    private static Person alice() {
        City sf = Geo.OFFICES.get(0);
        Person p = person("E001", "Alice", "Moreau", sf,
                new Address("1234 Valencia St", "Apt 5", sf.name(), sf.region(), sf.zip(), "US"), "2023-01-09");
        p.managerId = null;
        p.title = TRICKY_TITLE;
        p.office = sf;
        return p;
    }

    /** Remote; moved from Denver to Boston on 2024-11-01; laptop shipped to the Denver home. */
    private static Person bob() {
        Person p = person("E002", "Bob", "Chen", Geo.US_HOMES.get(29), BOSTON, "2024-02-05");
        p.previousHome = DENVER;
        p.movedOn = LocalDate.of(2024, 11, 1);
        p.shipment = new Shipment("SHP-002", p.laptop.assetTag(), p.id, "UPS", "1Z999AA10000000002", p.fullName(),
                DENVER, null, null, Instant.parse("2024-01-25T10:00:00Z"), Instant.parse("2024-01-29T21:40:00Z"),
                Instant.parse("2024-01-31T18:05:00Z"));
        return p;
    }

    /** A contractor in Warsaw who changed bank account on 2024-09-01 and left on 2025-03-31. */
    private static Person carla() {
        City warsaw = Geo.CONTRACTOR_HOMES.get(0);
        Person p = person("E003", "Carla", "Nowak", warsaw,
                new Address("ul. Marszalkowska 10", null, "Warsaw", "Mazowieckie", "00-001", "PL"), "2024-05-06");
        p.phone = "+48221234567";
        p.phoneLineType = "landline";
        p.phoneCarrier = "Orange Polska";
        p.employmentType = EmploymentType.CONTRACTOR;
        p.laptop = new Host("LT-003", "SNE003", "Latitude 7440", Host.Os.WINDOWS, "NWL-E003", "10.8.0.3", "uuid-3");
        p.previousAccounts.add(new String[] {"PKO Bank Polski", "PKOPPLPW", "PL61109010140000071219812874",
                "2024-09-01"});
        p.bankName = "mBank";
        p.routingNumber = "BREXPLPW";
        p.accountNumber = "PL27114020040000300201355387";
        p.terminationDate = LocalDate.of(2025, 3, 31);
        p.terminationReason = "contract_ended";
        return p;
    }

    /** Remote hire whose laptop ship-to was changed from his home to a laptop farm. */
    private static Person dan() {
        Person p = person("E004", "Dan", "Miller", Geo.US_HOMES.get(31), MILLER_HOME, "2025-01-13");
        p.phoneLineType = "nonFixedVoip";
        p.phoneCarrier = "Bandwidth.com";
        p.applicantId = "A001";
        p.shipment = new Shipment("SHP-004", p.laptop.assetTag(), p.id, "FedEx", "771234567890", p.fullName(),
                FARM, MILLER_HOME, Instant.parse("2025-01-08T14:12:00Z"), Instant.parse("2024-12-27T10:00:00Z"),
                Instant.parse("2025-01-09T21:40:00Z"), Instant.parse("2025-01-10T18:05:00Z"));
        return p;
    }

    /** Starts after the usual export day. */
    private static Person erin() {
        return person("E005", "Erin", "Walsh", Geo.US_HOMES.get(5),
                new Address("300 Pine St", null, "Seattle", "WA", "98103", "US"), "2025-07-14");
    }

    private static Applicant applicant(String id, String first, String last, Address address, String appliedAt) {
        Applicant a = new Applicant();
        a.id = id;
        a.requisitionId = "REQ-1042";
        a.jobTitle = "Backend Engineer";
        a.firstName = first;
        a.lastName = last;
        a.email = first.toLowerCase() + "." + last.toLowerCase() + "@example.com";
        a.phone = "+16145550199";
        a.address = address;
        a.appliedAt = Instant.parse(appliedAt);
        a.linkedinUrl = "https://www.linkedin.com/in/" + first.toLowerCase() + "-" + last.toLowerCase();
        return a;
    }

    /** Referred by Alice, hired as E004; kept the camera off. */
    private static Applicant danApplication() {
        Applicant a = applicant("A001", "Dan", "Miller", MILLER_HOME, "2024-11-20T15:30:00Z");
        a.source = "referral";
        a.referrerEmployeeId = "E001";
        a.status = "hired";
        a.offerAt = Instant.parse("2024-12-20T18:00:00Z");
        a.employeeId = "E004";
        a.resumeText = "Dan Miller\nSenior Go engineer\n";
        a.idCheckAt = Instant.parse("2024-12-03T17:02:11.250Z");
        a.idDocumentType = "drivers_license";
        a.idDocumentCountry = "US";
        a.livenessResult = "pass";
        a.documentSelfieMatch = "inconclusive";
        a.selfieMatchScore = 0.6125;
        a.idCheckIp = "185.242.4.17";
        a.idCheckCountry = "US";
        a.idCheckOutcome = "manual_review";
        a.interviewAt = Instant.parse("2024-11-27T19:00:00Z");
        a.interviewerId = "E001";
        a.cameraOn = false;
        a.interviewOutcome = "hire";
        a.interviewNotes = "Strong on Go, said \"camera broken\"\nFollow up on references";
        return a;
    }

    /** Applied through the careers site and was rejected after the interview. */
    private static Applicant eveApplication() {
        Applicant a = applicant("A002", "Eve", "Park",
                new Address("12 Oak Ave", null, "Austin", "TX", "78704", "US"), "2025-02-03T09:15:00Z");
        a.source = "careers_site";
        a.status = "rejected";
        a.resumeText = "Eve Park\nData engineer, 6 years\n";
        a.interviewAt = Instant.parse("2025-02-17T16:00:00Z");
        a.interviewerId = "E002";
        a.cameraOn = true;
        a.interviewOutcome = "reject";
        a.interviewNotes = "Not enough depth";
        return a;
    }
}
