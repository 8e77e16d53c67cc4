package dev.unravel.sim.world;

import java.time.Instant;

/**
 * A job application: every hire had one, and many applicants are never hired. Identity
 * verification and interview outcomes belong to the application.
 */
public final class Applicant {
    public String id;
    public String requisitionId;
    public String jobTitle;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public Address address;
    public Instant appliedAt;
    /** {@code linkedin}, {@code referral}, {@code agency}, {@code careers_site}, {@code job_board}. */
    public String source;
    public String referrerEmployeeId;
    /** hired, rejected, withdrawn, offer_declined. */
    public String status;
    public Instant offerAt;
    /** The worker id when hired, else null. */
    public String employeeId;
    /** The résumé's plain text; written to a file of its own. */
    public String resumeText;
    public String linkedinUrl;
    /** Ground truth only, never exported: the applicant whose résumé this one copies. */
    public String resumeClonedFrom;

    // Identity verification (a vendor such as a document + selfie check).
    public Instant idCheckAt;
    public String idDocumentType;
    public String idDocumentCountry;
    /** pass, fail, not_run. */
    public String livenessResult;
    /** match, mismatch, inconclusive. */
    public String documentSelfieMatch;
    public double selfieMatchScore;
    public String idCheckIp;
    public String idCheckCountry;
    /** approved, declined, manual_review. */
    public String idCheckOutcome;

    // Interview.
    public Instant interviewAt;
    public String interviewerId;
    public boolean cameraOn;
    /** advance, reject, hire. */
    public String interviewOutcome;
    public String interviewNotes;

    public String fullName() {
        return firstName + " " + lastName;
    }
}
