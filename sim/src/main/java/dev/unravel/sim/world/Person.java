package dev.unravel.sim.world;

import dev.unravel.core.EmploymentType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A worker of the simulated company: what HR holds about them, the accounts and laptop they were
 * given, and how they behave. Built once by {@link PopulationBuilder}; read-only afterwards.
 */
public final class Person {
    /** Position in the population; keys this person's random streams. */
    public int index;
    public String id;
    public String firstName;
    public String lastName;
    public LocalDate dateOfBirth;
    public String ssn;
    public String personalEmail;
    public String workEmail;
    /** Directory user name (sAMAccountName), also the Windows profile name. */
    public String username;
    /** Phone as HR holds it, in E.164. */
    public String phone;
    /** Phone line type as a carrier lookup reports it ({@code mobile}, {@code landline}, {@code nonFixedVoip}). */
    public String phoneLineType;
    public String phoneCarrier;
    public Address home;
    public City homeCity;
    /** Before a move (noise {@link Noise#MOVED_HOUSE}), else null. */
    public Address previousHome;
    public LocalDate movedOn;
    /** Declared time zone. */
    public ZoneId timeZone;
    public String department;
    public String title;
    public String managerId;
    public LocalDate hireDate;
    public EmploymentType employmentType;
    public LocalDate terminationDate;
    public String terminationReason;
    /** The office they work from, or null for remote workers. */
    public City office;
    public Host laptop;
    /** The laptop's shipment, or null when it was handed over in an office. */
    public Shipment shipment;
    public String bankName;
    public String routingNumber;
    public String accountNumber;
    /** Earlier deposit accounts with the date each was replaced (payroll history), oldest first. */
    public final List<String[]> previousAccounts = new ArrayList<>();
    public String oktaUserId;
    public String entraObjectId;
    public String githubLogin;
    public String githubUserId;
    public String mfaDeviceId;
    public String mfaDeviceName;
    public String mfaEnrollmentId;
    /** The address their home broadband gives them. */
    public String homeIp;
    public Network homeNetwork;
    public boolean engineer;
    /** The approved remote-support tool is part of their job. */
    public boolean itSupport;
    public String applicantId;
    public final Set<Noise> noise = EnumSet.noneOf(Noise.class);
    /** The teammate whose git identity the team's shared build host writes into commits, or null. */
    public Person buildHostIdentity;
    /** A Korean or Chinese input language on their laptop, or null. */
    public InputLanguage inputLanguage;
    /** Null for a genuine worker. */
    public Persona persona;
    public Facilitator facilitator;
    /** The zone the person actually works in (an operator abroad works their own office hours). */
    public ZoneId workZone;
    /** Local clock minute the working day usually starts, in {@link #workZone}. */
    public int dayStartMinute;
    /** Usual working-day length in minutes. */
    public int dayLengthMinutes;
    /** Repositories the person normally works on. */
    public final List<String> repos = new ArrayList<>();
    /** When they were told they got the job; the laptop is ordered after it. */
    public Instant offerAt;

    public String fullName() {
        return firstName + " " + lastName;
    }

    public boolean employedOn(LocalDate day) {
        return !day.isBefore(hireDate) && (terminationDate == null || !day.isAfter(terminationDate));
    }

    public boolean fraud() {
        return persona != null;
    }
}
