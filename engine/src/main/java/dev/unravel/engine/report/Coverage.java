package dev.unravel.engine.report;

import dev.unravel.core.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan could not see: the detectors that read no event of the kinds they look at, and the
 * stages of the scheme none of whose detectors read one. A quiet report over logs that never held
 * endpoint data is not a clean one; this says so, and names the data each detector needs. (A
 * detector that read nothing may also have had nothing to see: the GitHub audit log of a company
 * where no repository changed hands has no transfers.)
 */
public final class Coverage {

    /** A detector that read nothing it looks at: its stage and, in words, the data that feeds it. */
    public record Unseen(String detector, Stage stage, String reads) {
    }

    /** What each detector reads, in words; a test holds every built-in detector to having one. */
    static final Map<String, String> READS = reads();

    private Coverage() {
    }

    private static Map<String, String> reads() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("apply.shared-identifier", "HR and applicant records (hr-employees, applicants), payroll, address "
                + "history, résumés and photos");
        m.put("apply.phone", "phone numbers in HR or applicant records, with carrier lookups (phone-intel)");
        m.put("apply.ssn", "HR records with Social Security numbers and dates of birth (hr-employees)");
        m.put("apply.identity-verification", "applicant identity-check results (applicant-identity-verification)");
        m.put("apply.interview", "interview records (applicant-interviews)");
        m.put("apply.flagged-referrer", "employee referrals (hr-referrals) with HR records");
        m.put("apply.cluster", "HR, applicant, payroll and laptop-shipment records");
        m.put("apply.published-indicator", "HR, applicant and laptop-shipment records, against the indicator lists "
                + "in its files setting");
        m.put("onboard.ship-to-not-home", "laptop shipments (asset-shipments) with HR home addresses");
        m.put("onboard.ship-to-changed", "laptop shipments and their address changes (asset-shipments)");
        m.put("onboard.laptop-farm", "laptop shipments (asset-shipments) with HR home addresses");
        m.put("onboard.mail-drop", "laptop shipments and HR home addresses");
        m.put("onboard.payroll", "payroll direct-deposit accounts (hr-payroll)");
        String signIns = "sign-ins (Okta, Entra ID, Duo, Google Workspace) or GitHub audit activity, with IP "
                + "intelligence";
        m.put("access.foreign-country", signIns);
        m.put("access.high-risk-country", signIns);
        m.put("access.anonymising-network", signIns);
        m.put("access.impossible-travel", signIns);
        m.put("access.shared-source-ip", signIns);
        m.put("access.shared-mfa-device", "MFA approvals (Okta Verify in the Okta System Log, Duo authentication "
                + "logs)");
        m.put("access.mfa-phone-abroad", "Duo authentication logs (the approving phone's address)");
        m.put("access.unmanaged-after-onboarding", "sign-ins that name the device (Entra ID, Okta) with HR hire "
                + "dates");
        m.put("access.after-termination", "HR terminations, with sign-ins, GitHub, Microsoft 365 or Windows "
                + "logons after them");
        m.put("hours.working-hours", "sign-ins, GitHub activity and endpoint process starts (Sysmon, osquery) with "
                + "HR time zones");
        m.put("hours.commit-time-zone", "GitHub push webhooks (github-webhook) with HR time zones");
        m.put("control.remote-access-tool", "endpoint process, software and DNS records (Sysmon, Windows, osquery, "
                + "CrowdStrike, Zeek)");
        m.put("control.ip-kvm", "USB and monitor inventories (osquery usb_devices, WMI monitor IDs, Windows "
                + "Kernel-PnP)");
        m.put("control.rdp-client-time-zone", "Windows Remote Desktop logs (RdpCoreTS event 104)");
        m.put("control.os-time-zone", "laptops' time-zone settings (Sysmon registry events, osquery)");
        m.put("steal.repo-harvest", "clones and archive downloads in the GitHub audit log");
        m.put("steal.cloud-file-harvest", "SharePoint and OneDrive downloads in the Microsoft 365 audit log");
        m.put("steal.repo-exposure", "repository transfers and visibility changes in the GitHub audit log");
        m.put("steal.mail-forwarding", "Exchange mailbox and inbox-rule changes in the Microsoft 365 audit log");
        m.put("steal.new-token-mass-access", "tokens, keys and clones in the GitHub audit log");
        m.put("steal.personal-cloud-upload", "network records (Zeek conn, dns, http) and endpoint DNS look-ups "
                + "(Sysmon, CrowdStrike)");
        m.put("steal.outbound-volume", "Zeek conn logs");
        m.put("steal.usb-storage-writes", "removable-storage auditing (Windows 4663, Partition/Diagnostic 1006) "
                + "or osquery file events");
        m.put("extort.extortion-email", "email the company received (.eml files or mbox)");
        return Map.copyOf(m);
    }

    /**
     * The stage a detector's findings belong to, as the report says ({@code Detector.stage}); for a
     * report written before detectors declared theirs, the first part of its id. Null for Sigma.
     */
    static Stage stageOf(Report.DetectorStats d) {
        if (d.stage() != null) {
            return Stage.ofId(d.stage());
        }
        int dot = d.id() == null ? -1 : d.id().indexOf('.');
        return dot < 0 ? null : Stage.ofId(d.id().substring(0, dot));
    }

    /** The detectors of {@code r} that read no event of the kinds they look at, in the report's order. */
    public static List<Unseen> unseen(Report r) {
        List<Unseen> out = new ArrayList<>();
        for (Report.DetectorStats d : r.detectors() == null ? List.<Report.DetectorStats>of() : r.detectors()) {
            if (d == null || d.events() > 0) {
                continue;
            }
            Stage stage = stageOf(d);
            if (stage != null) {
                out.add(new Unseen(d.id(), stage, READS.getOrDefault(d.id(), d.description())));
            }
        }
        return out;
    }

    /** The stages of the scheme whose every detector in {@code r} read nothing: what this scan cannot see at all. */
    public static List<Stage> blindStages(Report r) {
        Map<Stage, Boolean> seen = new LinkedHashMap<>();
        for (Report.DetectorStats d : r.detectors() == null ? List.<Report.DetectorStats>of() : r.detectors()) {
            Stage stage = d == null ? null : stageOf(d);
            if (stage != null) {
                seen.merge(stage, d.events() > 0, Boolean::logicalOr);
            }
        }
        List<Stage> blind = new ArrayList<>();
        for (Stage s : Stage.values()) {
            if (Boolean.FALSE.equals(seen.get(s))) {
                blind.add(s);
            }
        }
        return blind;
    }
}
