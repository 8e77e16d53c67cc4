package dev.unravel.ingest;

import dev.unravel.ingest.format.duo.DuoAuthenticationReader;
import dev.unravel.ingest.format.entra.EntraAuditReader;
import dev.unravel.ingest.format.entra.EntraSignInReader;
import dev.unravel.ingest.format.github.GithubAuditReader;
import dev.unravel.ingest.format.fleet.FleetHostsReader;
import dev.unravel.ingest.format.jamf.JamfComputersReader;
import dev.unravel.ingest.format.github.GithubWebhookReader;
import dev.unravel.ingest.format.gitlab.GitlabWebhookReader;
import dev.unravel.ingest.format.gworkspace.GoogleWorkspaceReader;
import dev.unravel.ingest.format.m365.M365AuditReader;
import dev.unravel.ingest.format.okta.OktaReader;
import dev.unravel.ingest.format.osquery.OsqueryResultsReader;
import dev.unravel.ingest.format.proxy.CloudflareZeroTrustReader;
import dev.unravel.ingest.format.proxy.UmbrellaReader;
import dev.unravel.ingest.format.proxy.ZscalerFirewallReader;
import dev.unravel.ingest.format.proxy.ZscalerWebReader;
import dev.unravel.ingest.format.vpn.CiscoAsaReader;
import dev.unravel.ingest.format.vpn.FortiGateReader;
import dev.unravel.ingest.format.vpn.GlobalProtectReader;
import dev.unravel.ingest.format.vpn.ZscalerPrivateAccessReader;
import dev.unravel.ingest.format.zeek.ZeekJsonReader;
import dev.unravel.ingest.format.zeek.ZeekTsvReader;
import dev.unravel.ingest.format.crowdstrike.CrowdStrikeFdrReader;
import dev.unravel.ingest.format.defender.DefenderEndpointReader;
import dev.unravel.ingest.format.windows.EvtxJsonReader;
import dev.unravel.ingest.format.windows.EvtxReader;
import dev.unravel.ingest.format.windows.FlatWindowsJsonReader;
import dev.unravel.ingest.format.windows.WinlogbeatReader;
import dev.unravel.ingest.format.email.EmlReader;
import dev.unravel.ingest.format.email.MboxReader;
import dev.unravel.ingest.format.records.ApplicantPhotoReader;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.ingest.format.records.RecordsCsvReader;
import dev.unravel.ingest.format.records.ResumeTextReader;
import dev.unravel.ingest.format.unravel.SimulationMetadataReader;
import dev.unravel.ingest.format.wmi.WmiMonitorIdReader;
import dev.unravel.ingest.format.slack.SlackAccessLogsReader;
import dev.unravel.ingest.format.teams.TeamsCallRecordReader;
import dev.unravel.ingest.format.zoom.ZoomParticipantsReader;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import java.util.List;
import java.util.Optional;

/**
 * Every format Unravel reads, in the order probing breaks ties. Adding a format is one line here
 * plus its reader class.
 */
public final class Formats {
    private static final List<Reader> ALL = List.of(
            new WinlogbeatReader(),
            new EvtxJsonReader(),
            new EvtxReader(),
            new FlatWindowsJsonReader(),
            new CrowdStrikeFdrReader(),
            new DefenderEndpointReader(),
            new OktaReader(),
            new DuoAuthenticationReader(),
            new EntraSignInReader(),
            new EntraAuditReader(),
            new M365AuditReader(),
            new GithubAuditReader(),
            new GithubWebhookReader(),
            new GitlabWebhookReader(),
            new GoogleWorkspaceReader(),
            new OsqueryResultsReader(),
            new WmiMonitorIdReader(),
            new ZeekTsvReader(),
            new ZeekJsonReader(),
            new ZscalerWebReader(),
            new ZscalerFirewallReader(),
            new UmbrellaReader(),
            new GlobalProtectReader(),
            new FortiGateReader(),
            new CiscoAsaReader(),
            new ZscalerPrivateAccessReader(),
            new CloudflareZeroTrustReader(),
            new JamfComputersReader(),
            new FleetHostsReader(),
            new ZoomParticipantsReader(),
            new TeamsCallRecordReader(),
            new SlackAccessLogsReader(),
            new RecordsCsvReader(RecordKind.EMPLOYEES),
            new RecordsCsvReader(RecordKind.ADDRESS_HISTORY),
            new RecordsCsvReader(RecordKind.PAYROLL),
            new RecordsCsvReader(RecordKind.REFERRALS),
            new RecordsCsvReader(RecordKind.APPLICANTS),
            new RecordsCsvReader(RecordKind.IDENTITY_VERIFICATION),
            new RecordsCsvReader(RecordKind.INTERVIEWS),
            new RecordsCsvReader(RecordKind.ASSETS),
            new RecordsCsvReader(RecordKind.SHIPMENTS),
            new RecordsCsvReader(RecordKind.PHONE_INTEL),
            new RecordsCsvReader(RecordKind.IP_INTEL),
            new ResumeTextReader(),
            new ApplicantPhotoReader(),
            new MboxReader(),
            new EmlReader(),
            new SimulationMetadataReader());

    private Formats() {
    }

    public static List<Reader> all() {
        return ALL;
    }

    public static Optional<Reader> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The reader most sure of the sample, with its confidence; empty when none recognises it. */
    public static Optional<Recognised> recognise(Sample sample) {
        return recognise(sample, List.of());
    }

    /**
     * As {@link #recognise(Sample)}, with {@code extra} readers (e.g. from column-mapping files) tried
     * first, so that they win ties.
     */
    public static Optional<Recognised> recognise(Sample sample, List<Reader> extra) {
        Reader best = null;
        int bestScore = 0;
        for (Reader r : extra.isEmpty() ? ALL : concat(extra, ALL)) {
            int score;
            try {
                score = r.probe(sample);
            } catch (RuntimeException e) {
                score = 0; // a probe must not throw; if one does, it is simply not the format
            }
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Recognised(best, bestScore));
    }

    private static List<Reader> concat(List<Reader> a, List<Reader> b) {
        List<Reader> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A reader chosen for a file and how sure it was. */
    public record Recognised(Reader reader, int confidence) {
    }
}
