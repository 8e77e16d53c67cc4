package dev.unravel.detect.control;

import dev.unravel.detect.roster.Normalise;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.ProxyLogs;
import dev.unravel.detect.Settings;
import dev.unravel.detect.control.SoftwareSightings.Sighting;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.detect.roster.Person;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Remote-access tools on a company device, from process starts (Sysmon 1, Security 4688, osquery
 * {@code processes}), installed software (osquery {@code programs}, {@code apps}) and the tools'
 * relay domains (Sysmon 3 and 22, Zeek dns/http/ssl, Umbrella DNS, Zscaler and Umbrella web proxy
 * logs, Zscaler's firewall log when its feed carries {@code cdfqdn}). One signal when a tool is
 * first seen on a host, and one more when a second vendor joins it there: operators of laptop farms
 * install the tool they use on every laptop, and a host with several is rarer still among honest
 * staff. The same sightings of a VPN the scheme is known for (Astrill) are signals of the access
 * stage, {@value #VPN_ID}: the operators hide where they connect from.
 *
 * <p>Tools the company uses are allow-listed by name, optionally narrowed by signer and install
 * path (settings {@code approved_tools}, {@code approved_signers}, {@code approved_paths}): an
 * approved product's name from another path or signer still counts, since a second ScreenConnect
 * pointed at someone else's server is exactly what an operator would install. Extra LOLRMM
 * catalogue files come from the setting {@code lolrmm} or from {@code --rules} (see
 * {@link RulePack}).
 */
public final class RemoteAccessDetector implements PreparingDetector<Sighting> {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.PROCESS,
            EndpointEvents.Kind.NETWORK, EndpointEvents.Kind.DNS), ProxyLogs.with(log -> log.hostField() != null,
                    "osquery.", "dns", "http", "ssl", SoftwareSightings.FALCON_APPS));

    public static final String ID = "control.remote-access-tool";
    public static final String MULTI_ID = "control.remote-access-multiple-vendors";
    /** Astrill VPN and its like on a company device: a signal of the access stage, from the same sightings. */
    public static final String VPN_ID = "access.vpn-client";

    private final RemoteToolCatalogue catalogue;
    private final SoftwareSightings sightings;
    private Settings settings;
    private Set<String> approvedTools;
    private List<String> approvedSigners;
    private List<String> approvedPaths;
    private PerEntity<String, HostTools> hosts;
    /** Computers each unapproved remote-control tool ran on, by tool name. */
    private java.util.Map<String, Integer> unapprovedHosts;

    public RemoteAccessDetector(RemoteToolCatalogue catalogue) {
        this.catalogue = catalogue;
        this.sightings = new SoftwareSightings(catalogue);
    }

    /** The catalogue built-in, plus LOLRMM files from the setting {@code lolrmm} and from {@code --rules}. */
    public static RemoteAccessDetector load(DetectConfig config) {
        List<Path> lolrmm = new ArrayList<>();
        for (String p : config.settingsOf(ID).list("lolrmm", List.of())) {
            lolrmm.add(Path.of(p));
        }
        lolrmm.addAll(RulePack.lolrmmFiles(config.rules()));
        return new RemoteAccessDetector(RemoteToolCatalogue.builtInWith(lolrmm));
    }

    public RemoteToolCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "endpoint process, software and DNS records (Sysmon, Windows, osquery, CrowdStrike, Zeek, Cisco "
                + "Umbrella, Cloudflare Gateway) or web proxy and cloud firewall logs (Zscaler, Umbrella, Cloudflare)";
    }

    @Override
    public String description() {
        return "Remote-access tools, mouse jigglers and Astrill VPN on company devices (" + catalogue.tools().size()
                + " products" + (catalogue.errors().isEmpty() ? "" : ", " + catalogue.errors().size()
                        + " catalogue files unreadable: " + catalogue.errors().get(0))
                + "), first seen per host and several vendors on one host; approved tools allow-listed; Astrill is "
                + "reported as " + VPN_ID;
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        approvedTools = settings.names("approved_tools");
        approvedSigners = lower(settings.list("approved_signers", List.of()));
        approvedPaths = settings.list("approved_paths", List.of()).stream().map(RemoteAccessDetector::volumeFree)
                .toList();
        hosts = ctx.state(settings.integer("max_hosts", 200_000));
        unapprovedHosts = new java.util.TreeMap<>();
    }

    /**
     * A tool the company has not approved that runs on many computers (setting
     * {@code widespread_hosts}, 25) is most likely the company's own deployment, left out of
     * {@code approved_tools}: each of those computers has its finding, and the report says once what
     * would clear them all. It does not clear them itself: whether IT runs the tool is the company's
     * to say.
     */
    @Override
    public void finish(DetectorContext ctx) {
        int widespread = settings.integer("widespread_hosts", 25);
        unapprovedHosts.forEach((tool, count) -> {
            if (count >= widespread) {
                ctx.note(tool, tool + ", which the company has not approved, ran on " + count + " computers, each "
                        + "with its finding. A tool this widespread is usually the company's own: if IT runs it, "
                        + "name it under this detector's approved_tools (with approved_signers or approved_paths to "
                        + "keep other copies counting) and those findings go.");
            }
        });
    }

    @Override
    public Sighting prepare(Event e) {
        return sightings.of(e);
    }

    /** {@code s}: the tool the event shows, found ahead by {@link #prepare} (catalogue look-ups only). */
    @Override
    public void onEvent(Event e, Sighting s, DetectorContext ctx) {
        if (s == null) {
            return;
        }
        if (e.host() == null && e.sourceIp() != null) {
            // A Zeek record: read it as coming from the device that held the address, so that it
            // joins that device's tools instead of starting a second, address-only history.
            DeviceAddresses.Holder h = ctx.addresses().holderAt(e.sourceIp(), e.time());
            if (h != null) {
                e = new Event(e.time(), e.source(), e.type(), e.logSource(), e.user(), h.device(), e.sourceIp(),
                        e.document(), e.origin());
            }
        }
        String hostKey = hostKey(e);
        if (hostKey == null) {
            ctx.skipped("remote tool seen on an event with no host or source IP");
            return;
        }
        boolean nameApproved = approvedTools.contains(s.tool().name().toLowerCase(Locale.ROOT));
        if (nameApproved && deploymentMatches(s)) {
            return;
        }
        HostTools seen = hosts.get(hostKey, k -> new HostTools());
        // Once per tool and host; a look-up seen first does not hide the tool running later.
        if (seen.onEndpoint.contains(s.tool().name())
                || !s.onEndpoint() && seen.first.containsKey(s.tool().name())) {
            return;
        }
        seen.first.put(s.tool().name(), e.envelope());
        if (s.onEndpoint()) {
            seen.onEndpoint.add(s.tool().name());
        }
        EntityRef subject = subject(e, ctx);
        Person person = personOf(e, ctx);
        String device = e.host() != null ? "device " + e.host() : "the computer at " + e.sourceIp();
        String verb = !s.onEndpoint() ? "was contacted from " : s.installed() ? "is installed on " : "ran on ";
        if (s.tool().kind() == RemoteTool.Kind.VPN) {
            double strength = s.onEndpoint() ? settings.number("vpn_strength", 0.35)
                    : settings.number("vpn_domain_strength", 0.2);
            ctx.signal(VPN_ID, subject).stage(Stage.ACCESS).technique("T1090").strength(clamp(strength)).evidence(e)
                    .because(s.tool().name() + ", the VPN that reports on the North Korean IT-worker scheme name as "
                            + "its operators', " + verb + device + " ("
                            + s.how() + "): it hides where the computer connects from.").emit();
            return;
        }
        boolean control = s.tool().kind() == RemoteTool.Kind.REMOTE_CONTROL;
        double strength;
        String why;
        if (!control) {
            strength = settings.number("jiggler_strength", 0.15);
            why = "The mouse-jiggler " + s.tool().name() + " (" + s.how() + ") ran on " + device
                    + ", which keeps a session looking active while nobody is at the keyboard.";
        } else if (nameApproved) {
            strength = settings.number("unapproved_deployment_strength", 0.5);
            why = "The remote-access tool " + s.tool().name() + " is approved, but the copy on " + device
                    + " was installed outside the company's deployment (" + s.how() + ").";
        } else {
            boolean endpoint = s.onEndpoint();
            if (endpoint && control) {
                unapprovedHosts.merge(s.tool().name(), 1, Integer::sum);
            }
            strength = endpoint ? settings.number("tool_strength", 0.4) : settings.number("domain_strength", 0.25);
            Long days = daysSinceHire(person, e.time());
            int newHireDays = settings.integer("new_hire_days", 30);
            String when = "";
            if (endpoint && days != null && days >= 0 && days <= newHireDays) {
                strength += settings.number("new_hire_bonus", 0.1);
                when = days == 0 ? ", on the worker's first day"
                        : ", " + days + (days == 1 ? " day" : " days") + " after the worker started";
            }
            why = "The remote-access tool " + s.tool().name() + ", which the company has not approved, "
                    + verb + device + " (" + s.how() + when
                    + "): someone elsewhere can use this computer as if sitting at it.";
        }
        ctx.signal(ID, subject).stage(Stage.CONTROL).technique(control ? "T1219" : null).strength(clamp(strength))
                .evidence(e).because(why).emit();
        // A look-up alone may be someone reading the vendor's web site: several vendors needs the tools themselves.
        if (control && s.onEndpoint()) {
            seen.controlTools.add(s.tool().name());
            if (seen.controlTools.size() == 2) {
                var b = ctx.signal(MULTI_ID, subject).stage(Stage.CONTROL).technique("T1219")
                        .strength(settings.number("multiple_vendors_strength", 0.6))
                        .because("Two different remote-access products (" + String.join(" and ", seen.controlTools)
                                + ") are on " + device + ", which IT support does not need.");
                for (String t : seen.controlTools) {
                    b.evidence(seen.first.get(t));
                }
                b.emit();
            }
        }
    }

    /** An approved tool counts as the company's own when its signer and path (if known) are the ones approved. */
    private boolean deploymentMatches(Sighting s) {
        if (!approvedSigners.isEmpty() && s.signer() != null
                && !approvedSigners.contains(s.signer().toLowerCase(Locale.ROOT).strip())) {
            return false;
        }
        if (!approvedPaths.isEmpty() && s.path() != null) {
            String p = volumeFree(s.path());
            for (String prefix : approvedPaths) {
                if (p.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    static String hostKey(Event e) {
        String h = e.host();
        return h != null && !h.isBlank() ? Normalise.deviceName(h) : e.sourceIp();
    }

    static EntityRef subject(Event e, DetectorContext ctx) {
        String worker = ctx.roster().workerIdOf(e);
        if (worker != null) {
            return EntityRef.worker(worker);
        }
        if (e.host() != null) {
            return new EntityRef(EntityRef.Kind.HOST, e.host());
        }
        if (e.user() != null) {
            return new EntityRef(EntityRef.Kind.ACCOUNT, e.user());
        }
        return new EntityRef(EntityRef.Kind.IP, e.sourceIp());
    }

    static Person personOf(Event e, DetectorContext ctx) {
        return ctx.roster().worker(ctx.roster().workerIdOf(e));
    }

    static Long daysSinceHire(Person p, Instant t) {
        return p == null ? null : p.daysSinceHire(t);
    }

    /**
     * A Windows path without its volume, lower case, to compare an approved path with a logged one:
     * {@code C:\Program Files\…} as configured and as Sysmon or Defender log it, and
     * {@code \Device\HarddiskVolume3\Program Files\…} as CrowdStrike's sensor logs it (which volume
     * is which drive letter the log does not say).
     */
    static String volumeFree(String path) {
        String p = path.strip().toLowerCase(Locale.ROOT).replace('/', '\\');
        if (p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0))) {
            return p.substring(2);
        }
        if (p.startsWith("\\device\\harddiskvolume")) {
            int slash = p.indexOf('\\', "\\device\\harddiskvolume".length());
            return slash < 0 ? p : p.substring(slash);
        }
        return p;
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT).strip()).toList();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The tools seen on one host: the first event of each, and the remote-control ones in order. */
    static final class HostTools {
        final Map<String, Event> first = new LinkedHashMap<>();
        final Set<String> controlTools = new java.util.LinkedHashSet<>();
        final Set<String> onEndpoint = new java.util.HashSet<>();
    }
}
