package dev.unravel.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.out.CiscoAsaWriter;
import dev.unravel.sim.out.CloudflareWriter;
import dev.unravel.sim.out.CrowdStrikeWriter;
import dev.unravel.sim.out.DuoWriter;
import dev.unravel.sim.out.FortiGateWriter;
import dev.unravel.sim.out.GlobalProtectWriter;
import dev.unravel.sim.out.EmailWriter;
import dev.unravel.sim.out.FleetWriter;
import dev.unravel.sim.out.EntraWriter;
import dev.unravel.sim.out.GithubWebhookWriter;
import dev.unravel.sim.out.GithubWriter;
import dev.unravel.sim.out.M365Writer;
import dev.unravel.sim.out.HrExport;
import dev.unravel.sim.out.IntelExport;
import dev.unravel.sim.out.JamfWriter;
import dev.unravel.sim.out.OktaWriter;
import dev.unravel.sim.out.OsqueryWriter;
import dev.unravel.sim.out.OutputDir;
import dev.unravel.sim.out.RdpCoreTsWriter;
import dev.unravel.sim.out.RepoWriter;
import dev.unravel.sim.out.SourceWriter;
import dev.unravel.sim.out.DefenderWriter;
import dev.unravel.sim.out.SecurityLogWriter;
import dev.unravel.sim.out.SysmonWriter;
import dev.unravel.sim.out.GoogleWorkspaceWriter;
import dev.unravel.sim.out.UmbrellaWriter;
import dev.unravel.sim.out.WmiMonitorWriter;
import dev.unravel.sim.out.SlackWriter;
import dev.unravel.sim.out.TeamsWriter;
import dev.unravel.sim.out.ZoomWriter;
import dev.unravel.sim.out.ZeekWriter;
import dev.unravel.sim.out.ZpaWriter;
import dev.unravel.sim.out.ZscalerWriter;
import dev.unravel.sim.plan.Step;
import dev.unravel.sim.plan.Truth;
import dev.unravel.sim.world.Applicant;
import dev.unravel.sim.world.Facilitator;
import dev.unravel.sim.world.Noise;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulation's files: which writers run, and the records, ground truth and manifest written at the end. */
final class Outputs {
    static final String TRUTH_SCHEMA = "unravel.sim.truth/1";
    static final String MANIFEST_SCHEMA = "unravel.sim.manifest/1";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Outputs() {
    }

    /** One writer per log source, in the order the manifest lists them. */
    static List<SourceWriter> writers(OutputDir dir, World world, SimConfig config) {
        List<SourceWriter> writers = new ArrayList<>(List.of(new OktaWriter(dir), new EntraWriter(world, dir),
                switch (config.edr()) {
                    case DEFENDER -> new DefenderWriter(world, dir);
                    case CROWDSTRIKE -> new CrowdStrikeWriter(dir);
                    case SYSMON -> new SysmonWriter(dir);
                },
                new OsqueryWriter(dir), new GithubWriter(world, dir),
                new GithubWebhookWriter(world, dir), new ZeekWriter(dir), new EmailWriter(dir),
                new RdpCoreTsWriter(dir), new WmiMonitorWriter(dir), new DuoWriter(dir),
                config.office() == SimConfig.Office.GOOGLE ? new GoogleWorkspaceWriter(dir) : new M365Writer(dir),
                config.meetings() == SimConfig.Meetings.TEAMS ? new TeamsWriter(world, dir) : new ZoomWriter(dir)));
        if (config.chat() == SimConfig.Chat.SLACK) {
            writers.add(new SlackWriter(dir));
        }
        switch (config.mdm()) {
            case JAMF -> writers.add(new JamfWriter(dir));
            case FLEET -> writers.add(new FleetWriter(dir));
            case NONE -> {
            }
        }
        if (config.edr() == SimConfig.Edr.SYSMON) {
            writers.add(new SecurityLogWriter(dir)); // forwarded with Sysmon's; the other agents record logons themselves
        }
        switch (config.webProxy()) {
            case ZSCALER -> writers.add(new ZscalerWriter(dir));
            case UMBRELLA -> writers.add(new UmbrellaWriter(dir));
            case CLOUDFLARE -> writers.add(new CloudflareWriter(dir));
            case NONE -> {
            }
        }
        switch (config.vpn()) {
            case GLOBALPROTECT -> writers.add(new GlobalProtectWriter(dir));
            case FORTIGATE -> writers.add(new FortiGateWriter(dir));
            case ANYCONNECT -> writers.add(new CiscoAsaWriter(dir));
            case ZPA -> writers.add(new ZpaWriter(dir));
            case NONE -> {
            }
        }
        return writers;
    }

    /**
     * HR, applicant, asset and payroll exports, the IP-intelligence feed, the ground truth and the
     * company's git repositories (committed at the simulation's first instant, so reruns agree).
     *
     * @return each repository's commit id by name, for the manifest
     */
    static Map<String, String> records(OutputDir dir, World world, Truth truth, SimConfig config) throws IOException {
        HrExport.write(world, dir, config.end().minusDays(1));
        IntelExport.write(dir);
        truth(dir, world, truth, config);
        return RepoWriter.write(world, dir, config.start().atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static JsonGenerator open(OutputDir dir, String path) throws IOException {
        OutputStream os = dir.create(path);
        JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8);
        g.useDefaultPrettyPrinter();
        return g;
    }

    private static void truth(OutputDir dir, World world, Truth truth, SimConfig config) throws IOException {
        try (JsonGenerator g = open(dir, "truth.json")) {
            g.writeStartObject();
            g.writeStringField("schema", TRUTH_SCHEMA);
            g.writeNumberField("seed", config.seed());
            g.writeStringField("start", config.start().toString());
            g.writeNumberField("days", config.days());
            g.writeArrayFieldStart("fraudulent_workers");
            for (Person p : world.fraudulent()) {
                g.writeStartObject();
                g.writeStringField("employee_id", p.id);
                g.writeStringField("applicant_id", p.applicantId);
                g.writeStringField("name", p.fullName());
                g.writeStringField("persona", p.persona.id());
                g.writeStringField("description", p.persona.description());
                g.writeStringField("facilitator", p.facilitator.id);
                g.writeStringField("declared_time_zone", p.timeZone.getId());
                g.writeStringField("actual_time_zone", p.workZone.getId());
                g.writeObjectFieldStart("identifiers");
                g.writeStringField("work_email", p.workEmail);
                g.writeStringField("personal_email", p.personalEmail);
                g.writeStringField("username", p.username);
                g.writeStringField("okta_user_id", p.oktaUserId);
                g.writeStringField("entra_object_id", p.entraObjectId);
                g.writeStringField("github_login", p.githubLogin);
                g.writeStringField("hostname", p.laptop.hostname());
                g.writeStringField("laptop_serial", p.laptop.serial());
                g.writeStringField("phone", p.phone);
                g.writeEndObject();
                g.writeArrayFieldStart("steps");
                for (Map.Entry<Step, Truth.Mark> e : truth.steps(p.id).entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("step", e.getKey().id());
                    g.writeStringField("time", e.getValue().time().toString());
                    g.writeStringField("source", e.getValue().source());
                    g.writeStringField("detail", e.getValue().detail());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("facilitators");
            for (Facilitator f : world.facilitators) {
                g.writeStartObject();
                g.writeStringField("id", f.id);
                g.writeStringField("name", f.name);
                g.writeStringField("farm_address", f.farmAddress.oneLine());
                g.writeStringField("farm_ip", f.farmIp);
                g.writeStringField("vpn_exit_ip", f.vpnExitIp);
                g.writeStringField("vpn_provider", f.vpnNetwork.org());
                g.writeArrayFieldStart("workers");
                for (String w : f.workers) {
                    g.writeString(w);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            sharedIdentifiers(g, world);
            g.writeArrayFieldStart("noise");
            for (Noise n : Noise.values()) {
                g.writeStartObject();
                g.writeStringField("behaviour", n.id());
                g.writeStringField("description", n.description());
                g.writeArrayFieldStart("workers");
                for (Person p : world.people) {
                    if (p.noise.contains(n)) {
                        g.writeString(p.id);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Identifiers that several fraudulent hires share: what ties a cluster together. */
    private static void sharedIdentifiers(JsonGenerator g, World world) throws IOException {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Person p : world.fraudulent()) {
            byKey.computeIfAbsent("bank_account|" + p.routingNumber + "/" + p.accountNumber, k -> new ArrayList<>())
                    .add(p.id);
            byKey.computeIfAbsent("phone|" + p.phone, k -> new ArrayList<>()).add(p.id);
            byKey.computeIfAbsent("ship_to|" + p.shipment.shipTo().oneLine(), k -> new ArrayList<>()).add(p.id);
        }
        g.writeArrayFieldStart("shared_identifiers");
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("kind", e.getKey().substring(0, e.getKey().indexOf('|')));
            g.writeArrayFieldStart("workers");
            for (String w : e.getValue()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        for (Applicant a : world.applicants) {
            if (a.resumeClonedFrom != null) {
                g.writeStartObject();
                g.writeStringField("kind", "resume");
                g.writeArrayFieldStart("applicants");
                g.writeString(a.id);
                g.writeString(a.resumeClonedFrom);
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    static void manifest(OutputDir dir, SimConfig config, Map<String, Long> perSource, Map<String, String> repositories)
            throws IOException {
        // Written last: its presence says the run finished.
        Map<String, Long> files = new LinkedHashMap<>(dir.files());
        try (JsonGenerator g = open(dir, "simulation.json")) {
            g.writeStartObject();
            g.writeStringField("schema", MANIFEST_SCHEMA);
            g.writeStringField("generator", "unravel simulate");
            g.writeObjectFieldStart("options");
            g.writeNumberField("employees", config.employees());
            g.writeNumberField("days", config.days());
            g.writeNumberField("seed", config.seed());
            g.writeNumberField("fraud", config.fraud());
            g.writeStringField("start", config.start().toString());
            g.writeEndObject();
            g.writeObjectFieldStart("records_by_source");
            for (Map.Entry<String, Long> e : perSource.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            // The company's source code, as git work trees (their .git internals are not listed under files).
            g.writeObjectFieldStart("repositories");
            for (Map.Entry<String, String> e : repositories.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("path", RepoWriter.FOLDER + "/" + e.getKey());
                g.writeStringField("commit", e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("files");
            for (Map.Entry<String, Long> e : files.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
