package dev.unravel.core;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A worker as HR declares them: the claims every other source is checked against. Contact and
 * location fields are what the worker told the company, which is exactly what a fraud falsifies.
 *
 * @param id              the HR employee id
 * @param legalName       legal name as on the identity documents
 * @param workEmail       corporate email, the usual sign-in name
 * @param personalEmail   personal email given at hiring, or null
 * @param phone           phone as given (not normalised), or null
 * @param country         declared country of residence, ISO 3166-1 alpha-2
 * @param state           declared state or region, or null
 * @param timeZone        declared time zone
 * @param department      department name
 * @param employmentType  employee or contractor
 * @param hireDate        first day of work
 * @param terminationDate last day, or null while employed
 */
public record Worker(
        String id,
        String legalName,
        String workEmail,
        String personalEmail,
        String phone,
        String country,
        String state,
        ZoneId timeZone,
        String department,
        EmploymentType employmentType,
        LocalDate hireDate,
        LocalDate terminationDate) {

    public Worker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(employmentType, "employmentType");
        Objects.requireNonNull(hireDate, "hireDate");
    }

    /** Employed on {@code day}: hired on or before it and not terminated before it. */
    public boolean employedOn(LocalDate day) {
        return !day.isBefore(hireDate) && (terminationDate == null || !day.isAfter(terminationDate));
    }
}
