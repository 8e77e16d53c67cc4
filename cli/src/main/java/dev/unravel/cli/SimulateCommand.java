package dev.unravel.cli;

import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unravel simulate}: a company with a few fraudulent remote workers, in the vendors' own formats. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a company: employees, contractors and applicants with their HR, payroll, laptop-shipment "
                + "and identity-verification records, and their sign-ins (Okta, Entra ID), endpoint events (Sysmon "
                + "evtx-JSON or Defender for Endpoint, osquery), GitHub audit log, Zeek network logs and email, each "
                + "written in the vendor's own format and file layout.",
            "",
            "A few fraudulent remote workers follow the North Korean IT-worker scheme. truth.json says who they "
                + "are, when each step happened, and which benign look-alike behaviours (travellers, corporate VPN, "
                + "IT remote support, night owls, ...) were injected and on whom.",
            "",
            "The company's source code is written as git repositories under repos/<name>/ (one commit each); the "
                + "extortion email's proof archive holds some of their files, byte for byte. Index them with "
                + "'unravel inventory build --repo <out>/repos'; 'unravel scan' passes them over.",
            "",
            "The same options and seed always give byte-identical output. Output is written to a hidden folder "
                + "beside --out and renamed when complete.",
            ""},
        footer = {"",
            "Examples:",
            "  unravel simulate --employees 500 --days 30 --seed 7 --fraud 5 --out sim-out",
            "  unravel simulate --office google --out google-shop",
            "  unravel simulate --meetings teams --out teams-shop"})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--employees", paramLabel = "N",
            description = "Workers employed on the first day (employees and contractors; about 2%% more are hired "
                    + "during the simulated days). Default: ${DEFAULT-VALUE}.")
    int employees = SimConfig.DEFAULT_EMPLOYEES;

    @Option(names = "--days", paramLabel = "D", description = "Days of activity to simulate. Default: ${DEFAULT-VALUE}.")
    int days = SimConfig.DEFAULT_DAYS;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = SimConfig.DEFAULT_SEED;

    @Option(names = "--fraud", paramLabel = "K",
            description = "Fraudulent workers to hide, each a different persona of the scheme (5 personas; more "
                    + "repeat them). At most a tenth of --employees. Default: ${DEFAULT-VALUE}.")
    int fraud = SimConfig.DEFAULT_FRAUD;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "First simulated day (UTC). Default: ${DEFAULT-VALUE}.")
    LocalDate start = SimConfig.DEFAULT_START;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("sim-out");

    @Option(names = "--force", description = "Replace the output folder if it exists and is not empty.")
    boolean force;

    @Option(names = "--web-proxy", paramLabel = "PROXY",
            description = "Also write the log of a cloud web proxy the laptops' agents send their web traffic "
                    + "through: zscaler (Zscaler Internet Access, NSS web and firewall feeds in JSON under "
                    + "zscaler/YYYY-MM-DD/), umbrella (Cisco Umbrella's DNS and proxy logs as its S3 "
                    + "export writes them, under umbrella/dnslogs/ and umbrella/proxylogs/), cloudflare "
                    + "(Cloudflare Zero Trust: Gateway DNS and HTTP and network sessions as Logpush writes them, "
                    + "under cloudflare/<dataset>/YYYYMMDD/) or none. Default: none.",
            converter = WebProxyName.class)
    SimConfig.WebProxy webProxy = SimConfig.WebProxy.NONE;

    @Option(names = "--vpn", paramLabel = "VPN",
            description = "Also write the corporate VPN gateway's own log, where each laptop away from the office "
                    + "connects its tunnel from wherever it is: globalprotect (Palo Alto Networks GlobalProtect "
                    + "logs as PAN-OS forwards them over syslog, under globalprotect/YYYY-MM-DD/), fortigate "
                    + "(FortiGate SSL VPN event logs over syslog, under fortigate/YYYY-MM-DD/), anyconnect (a Cisco "
                    + "ASA's AnyConnect messages over syslog, under cisco-asa/YYYY-MM-DD/), zpa (Zscaler Private "
                    + "Access, the Client Connector's User Status log as its Log Streaming Service sends it in JSON, "
                    + "under zpa/YYYY-MM-DD/) or none. "
                    + "Default: none.",
            converter = VpnName.class)
    SimConfig.Vpn vpn = SimConfig.Vpn.NONE;

    @Option(names = "--edr", paramLabel = "AGENT",
            description = "The endpoint agent on the Windows laptops whose process starts and network connections "
                    + "are written: sysmon (Sysmon's Operational channel as evtx_dump JSON, under windows/) or "
                    + "defender (Microsoft Defender for Endpoint's DeviceProcessEvents and DeviceNetworkEvents as its "
                    + "streaming API writes them to a storage account, under defender/) or crowdstrike (CrowdStrike "
                    + "Falcon Data Replicator's gzipped events, process starts, DNS look-ups, connections, logons and "
                    + "USB devices, with the aidmaster records naming each sensor's computer, under crowdstrike/). "
                    + "Default: sysmon.",
            converter = EdrName.class)
    SimConfig.Edr edr = SimConfig.Edr.SYSMON;

    @Option(names = "--mdm", paramLabel = "MDM",
            description = "Also export a device manager's inventory once a day: jamf (Jamf Pro's "
                    + "computers-inventory of the Macs, each that checked in that day with the address Jamf Pro saw it "
                    + "from, one a line, under jamf/), fleet (Fleet's hosts, every laptop's osquery agent seen that "
                    + "day with the address Fleet saw it from, under fleet/) or none. Default: none.",
            converter = MdmName.class)
    SimConfig.Mdm mdm = SimConfig.Mdm.NONE;

    @Option(names = "--office", paramLabel = "SUITE",
            description = "The office suite whose audit log records the documents downloaded and shared and the mail "
                    + "forwarding: microsoft (Microsoft 365's unified audit log, under m365/) or google (Google "
                    + "Workspace's Reports API activities, Drive's and the user accounts log's, under google/). "
                    + "Default: microsoft.",
            converter = OfficeName.class)
    SimConfig.Office office = SimConfig.Office.MICROSOFT;

    @Option(names = "--meetings", paramLabel = "SERVICE",
            description = "The video meeting service whose records of each meeting's participants, with the "
                    + "microphone, camera and computer each joined with, are exported daily: zoom (Zoom's Dashboard "
                    + "API participants, one a line, under zoom/) or teams (Microsoft Teams call records as Microsoft "
                    + "Graph gives them expanded with their sessions, one meeting a line, under teams/). "
                    + "Default: zoom.",
            converter = MeetingsName.class)
    SimConfig.Meetings meetings = SimConfig.Meetings.ZOOM;

    @Option(names = "--chat", paramLabel = "SERVICE",
            description = "Also export a chat service's access log daily: slack (Slack's team.accessLogs entries, each "
                    + "account's use of Slack from each address and client, grown each day, with the account's email, "
                    + "under slack/) or none. Default: none.",
            converter = ChatName.class)
    SimConfig.Chat chat = SimConfig.Chat.NONE;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    /**
     * Parses an option's choice, in any case, with a message that lists the choices in lower case
     * ("'squid' is not a web proxy the simulator writes: zscaler, umbrella or none").
     */
    abstract static class Choice<E extends Enum<E>> implements picocli.CommandLine.ITypeConverter<E> {
        private final Class<E> type;
        private final String what;

        Choice(Class<E> type, String what) {
            this.type = type;
            this.what = what;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            List<String> names = new java.util.ArrayList<>();
            boolean none = false;
            for (E e : type.getEnumConstants()) {
                if (e.name().equals("NONE")) {
                    none = true;
                } else {
                    names.add(e.name().toLowerCase(Locale.ROOT));
                }
            }
            if (none) {
                names.add("none");
            }
            String last = names.remove(names.size() - 1);
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not " + what + ": "
                    + String.join(", ", names) + " or " + last);
        }
    }

    static final class WebProxyName extends Choice<SimConfig.WebProxy> {
        WebProxyName() {
            super(SimConfig.WebProxy.class, "a web proxy the simulator writes");
        }
    }

    static final class EdrName extends Choice<SimConfig.Edr> {
        EdrName() {
            super(SimConfig.Edr.class, "an endpoint agent the simulator writes");
        }
    }

    static final class MdmName extends Choice<SimConfig.Mdm> {
        MdmName() {
            super(SimConfig.Mdm.class, "a device management the simulator writes");
        }
    }

    static final class OfficeName extends Choice<SimConfig.Office> {
        OfficeName() {
            super(SimConfig.Office.class, "an office suite the simulator writes");
        }
    }

    static final class MeetingsName extends Choice<SimConfig.Meetings> {
        MeetingsName() {
            super(SimConfig.Meetings.class, "a meeting service the simulator writes");
        }
    }

    static final class ChatName extends Choice<SimConfig.Chat> {
        ChatName() {
            super(SimConfig.Chat.class, "a chat service the simulator writes");
        }
    }

    static final class VpnName extends Choice<SimConfig.Vpn> {
        VpnName() {
            super(SimConfig.Vpn.class, "a VPN the simulator writes");
        }
    }

    /** Parses --start with a message that says what is expected. */
    static final class IsoDate implements picocli.CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a date of the form YYYY-MM-DD");
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        SimConfig config = new SimConfig(employees, days, seed, fraud, start, out, force, webProxy, vpn, edr, mdm,
                office, meetings, chat);
        LocalDate last = start.plusDays(days - 1L);
        if (last.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isAfter(java.time.Instant.now()
                .plus(dev.unravel.engine.Scan.AHEAD))) {
            // said even with --quiet: the data is of little use until then
            spec.commandLine().getErr().printf(Locale.ROOT, "Note: the simulated days run to %s, after tomorrow: "
                    + "a scan quarantines log events stamped more than a day past its clock, so scan these once those "
                    + "days have passed, or simulate an earlier --start.%n", last);
        }
        Simulator.Result result = run(config, spec.commandLine().getOut(), quiet);
        if (!quiet) {
            summary(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    /** Runs a simulation with a progress bar on a terminal and a timing line after it. */
    static Simulator.Result run(SimConfig config, PrintWriter out, boolean quiet) throws IOException {
        Simulator.checkOutput(config);
        long t0 = System.nanoTime();
        Simulator.Result result;
        if (!quiet && System.console() != null) {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Simulating").setInitialMax(config.days())
                    .setUnit(" days", 1).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
                result = new Simulator(config, (done, total, records) -> {
                    bar.stepTo(done);
                    bar.setExtraMessage(String.format(Locale.ROOT, "%,d records", records));
                }).run();
            }
        } else {
            result = new Simulator(config, Simulator.Progress.NONE).run();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!quiet) {
            out.printf(Locale.ROOT, "Simulated %,d workers (%d fraudulent) over %d days from %s: %,d log records "
                    + "in %.1f s (%,.0f records/s)%n", result.people(), result.fraudulent(), config.days(),
                    config.start(), result.records(), seconds, result.records() / Math.max(seconds, 1e-9));
        }
        return result;
    }

    static void summary(PrintWriter out, Simulator.Result result) {
        out.println("Records by source:");
        for (Map.Entry<String, Long> e : result.perSource().entrySet()) {
            out.printf(Locale.ROOT, "  %-8s %,12d%n", e.getKey(), e.getValue());
        }
        out.println("Wrote " + result.out() + " (ground truth: truth.json, file list: simulation.json, "
                + "git repositories: repos/)");
    }
}
