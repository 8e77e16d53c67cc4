package dev.unravel.detect.roster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker or an applicant as the HR, applicant-tracking, asset and payroll records declare them:
 * the claims every other source is checked against. Personal identifiers are held normalised
 * (phone in E.164, mailbox canonical) for comparison; SSN and bank accounts only as keyed hashes.
 * Filled by {@link Roster} as records arrive; read-only to detectors.
 */
public final class Person {

    public enum Kind {
        WORKER, APPLICANT
    }

    /** A postal address as declared, with its normalised comparison key (null when it has no street line). */
    public record Address(String line1, String line2, String city, String state, String postalCode, String country,
            String key, String building, LocalDate from) {

        public String oneLine() {
            StringBuilder b = new StringBuilder();
            for (String part : new String[] {line1, line2, city, state == null ? null : state + " " + nz(postalCode),
                country}) {
                if (part != null && !part.isBlank()) {
                    if (b.length() > 0) {
                        b.append(", ");
                    }
                    b.append(part.strip());
                }
            }
            return b.toString();
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    private final String id;
    private final Kind kind;
    String applicantId;
    String employeeId;
    String firstName;
    String lastName;
    LocalDate dateOfBirth;
    String workEmail;
    String personalEmail;
    String username;
    String phone;
    String country;
    String state;
    ZoneId timeZone;
    String department;
    String title;
    String employmentType;
    String workLocation;
    LocalDate hireDate;
    LocalDate terminationDate;
    String terminationReason;
    String referrer;
    Instant appliedAt;
    String ssnHash;
    final List<Address> addresses = new ArrayList<>();
    final Set<String> bankAccountHashes = new LinkedHashSet<>();
    final Set<String> hosts = new LinkedHashSet<>();
    final Set<String> serials = new LinkedHashSet<>();
    final Set<String> accounts = new LinkedHashSet<>();

    Person(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** Employee id for workers, applicant id for applicants who were never hired. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isWorker() {
        return kind == Kind.WORKER;
    }

    public String applicantId() {
        return applicantId;
    }

    /** For an applicant: the employee id they were hired as, or null. */
    public String employeeId() {
        return employeeId;
    }

    public String name() {
        String f = firstName == null ? "" : firstName;
        String l = lastName == null ? "" : lastName;
        return (f + " " + l).strip();
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public String workEmail() {
        return workEmail;
    }

    /** Canonical personal mailbox ({@link Normalise#email}), or null. */
    public String personalEmail() {
        return personalEmail;
    }

    public String username() {
        return username;
    }

    /** Phone in E.164, or null when none was given or it is not a valid number. */
    public String phone() {
        return phone;
    }

    /** Declared country (ISO 3166-1 alpha-2), or null. */
    public String country() {
        return country;
    }

    public String state() {
        return state;
    }

    /** Declared time zone, or null when HR has none or it is not a valid zone id. */
    public ZoneId timeZone() {
        return timeZone;
    }

    public String department() {
        return department;
    }

    public String title() {
        return title;
    }

    /** Where HR says they work: "Remote", or an office ("New York"); null when HR does not say. */
    public String workLocation() {
        return workLocation;
    }

    /** Whether they work from home as HR has it: "Remote" (or "Home", "WFH"), or no location recorded. */
    public boolean remote() {
        if (workLocation == null || workLocation.isBlank()) {
            return true;
        }
        String w = workLocation.strip().toLowerCase(java.util.Locale.ROOT);
        return w.contains("remote") || w.equals("home") || w.equals("wfh") || w.contains("work from home");
    }

    public String employmentType() {
        return employmentType;
    }

    public LocalDate hireDate() {
        return hireDate;
    }

    /**
     * Days from the hire date to the day of {@code t} in the worker's declared time zone (UTC when HR
     * gives none): 0 on the first day, negative before it; null when HR gave no hire date. What "a
     * new hire" is measured by. The hire date is a day of the worker's own calendar: an operator at
     * UTC+9 working the evening of a US hire date is on the first day, not the second.
     */
    public Long daysSinceHire(java.time.Instant t) {
        return hireDate == null ? null : java.time.temporal.ChronoUnit.DAYS.between(hireDate,
                LocalDate.ofInstant(t, timeZone != null ? timeZone : java.time.ZoneOffset.UTC));
    }

    public LocalDate terminationDate() {
        return terminationDate;
    }

    public String terminationReason() {
        return terminationReason;
    }

    /** The worker who referred this person, or null. */
    public String referrer() {
        return referrer;
    }

    public Instant appliedAt() {
        return appliedAt;
    }

    /** Keyed hash of the SSN, or null. */
    public String ssnHash() {
        return ssnHash;
    }

    /** Home addresses in the order declared; the last is the current one. */
    public List<Address> addresses() {
        return Collections.unmodifiableList(addresses);
    }

    /** The current home address, or null. */
    public Address address() {
        return addresses.isEmpty() ? null : addresses.get(addresses.size() - 1);
    }

    /** Keyed hashes of every direct-deposit account (routing + number) ever on file. */
    public Set<String> bankAccountHashes() {
        return Collections.unmodifiableSet(bankAccountHashes);
    }

    /** Hostnames of the devices assigned to this worker (lower case). */
    public Set<String> hosts() {
        return Collections.unmodifiableSet(hosts);
    }

    /** Serial numbers of the devices assigned (upper case). */
    public Set<String> serials() {
        return Collections.unmodifiableSet(serials);
    }

    /** Other account names seen for this worker in the logs (code-platform logins, IdP ids). */
    public Set<String> accounts() {
        return Collections.unmodifiableSet(accounts);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + " (" + name() + ")";
    }
}
