package dev.unravel.detect.steal;

import dev.unravel.detect.roster.Normalise;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.ProxyLogs;
import dev.unravel.detect.Settings;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.roster.DeviceAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Data sent to personal cloud storage and anonymous file-sharing services (ATT&amp;CK T1567) from
 * network logs: Zeek dns, ssl, http and conn, Sysmon network connections (3) and DNS queries (22),
 * and the cloud proxies' logs ({@link ProxyLogs}: web proxies — Zscaler, Cisco Umbrella: the
 * request's bytes, {@code cs-bytes}; Cloudflare Gateway: the size of the files it saw uploaded —,
 * Umbrella's and Cloudflare Gateway's DNS logs, Zscaler's firewall log when it names the host,
 * Gateway's network log by the server's TLS name). A look-up of such a service is a weak sign on
 * its own; the bytes sent to the addresses it resolved to, or through the proxy, make the strong
 * one ("1.4 GB uploaded to mega.nz"). A request the proxy or firewall blocked counts as contact,
 * never as bytes sent.
 *
 * <p>Zeek names computers only by address. Sysmon network events carry both the address and the
 * computer name, so the detector remembers which device held an internal address recently and
 * reports the worker behind it when it can, the address otherwise.
 *
 * <p>Settings: {@code personal_cloud} and {@code file_sharing} (domain lists replacing the
 * defaults), {@code ignore_domains} (services the company uses), {@code upload_bytes} (default
 * 100 MB).
 */
public final class CloudUploadDetector implements PreparingDetector<Object> {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.NETWORK,
            EndpointEvents.Kind.DNS), ProxyLogs.with(log -> log.hostField() != null, "dns", "ssl", "http", "conn"));

    public static final String ID = "steal.personal-cloud-upload";
    public static final String CONTACT_ID = "steal.personal-cloud-contact";

    static final List<String> PERSONAL_CLOUD = List.of("mega.nz", "mega.io", "mega.co.nz", "mediafire.com",
            "pcloud.com", "icedrive.net", "filen.io", "koofr.net", "sync.com", "4shared.com", "content.dropboxapi.com",
            "box.net", "yandex.disk", "disk.yandex.com", "disk.yandex.ru", "baidupcs.com", "pan.baidu.com");

    static final List<String> FILE_SHARING = List.of("transfer.sh", "file.io", "0x0.st", "temp.sh", "bashupload.com",
            "oshi.at", "gofile.io", "pixeldrain.com", "catbox.moe", "litterbox.catbox.moe", "wetransfer.com", "we.tl",
            "sendspace.com", "filebin.net", "anonfiles.com", "uploadnow.io", "send.vis.ee", "swisstransfer.com");

    private Settings settings;
    /** Filled in {@link #start}, only read afterwards: {@link #prepare} reads it on the reader threads. */
    private final Map<String, Service> services = new HashMap<>();
    private long uploadBytes;
    /**
     * "client server" address pair → service, from the client's own DNS answers and TLS server
     * names: keyed by client too, because services behind shared CDN addresses would otherwise
     * turn everyone's traffic to that CDN into uploads.
     */
    private PerEntity<String, Service> addresses;
    /** Per source (device or address) and service: what was seen and sent. */
    private PerEntity<String, Traffic> traffic;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "network records (Zeek conn, dns, http), web proxy logs (Zscaler, Cisco Umbrella, Cloudflare Gateway) "
                + "and DNS look-ups (Sysmon, Defender for Endpoint, CrowdStrike Falcon, Umbrella, Cloudflare Gateway)";
    }

    @Override
    public String description() {
        return "Look-ups of and uploads to personal cloud storage and anonymous file sharing (MEGA, transfer.sh, "
                + "file.io, ...), with bytes sent from Zeek conn and http and from web proxy logs";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        Set<String> ignored = Set.copyOf(lower(settings.list("ignore_domains", List.of())));
        for (String d : lower(settings.list("personal_cloud", PERSONAL_CLOUD))) {
            if (!ignored.contains(d)) {
                services.put(d, new Service(d, false));
            }
        }
        for (String d : lower(settings.list("file_sharing", FILE_SHARING))) {
            if (!ignored.contains(d)) {
                services.put(d, new Service(d, true));
            }
        }
        uploadBytes = (long) settings.number("upload_bytes", 100_000_000);
        int max = settings.integer("max_entries", 200_000);
        addresses = ctx.state(max);
        traffic = ctx.state(max);
    }

    /**
     * Read ahead of time order on the reader threads: the service a dns, ssl, http or Sysmon event
     * names (null: none), or a conn record's "client server" address pair.
     */
    @Override
    public Object prepare(Event e) {
        EndpointEvents.Kind endpoint = EndpointEvents.kind(e.type());
        if (endpoint == EndpointEvents.Kind.NETWORK) {
            return service(text(e, "DestinationHostname"));
        }
        if (endpoint == EndpointEvents.Kind.DNS) {
            return service(text(e, "QueryName"));
        }
        return switch (e.type()) {
            case "dns" -> service(text(e, "query"));
            case "ssl" -> service(text(e, "server_name"));
            case "http" -> service(text(e, "host"));
            case "conn" -> {
                String client = text(e, "id.orig_h");
                String resp = text(e, "id.resp_h");
                yield resp == null || client == null ? null : client + " " + resp;
            }
            default -> {
                ProxyLogs.Log proxy = ProxyLogs.of(e.type());
                yield proxy == null || proxy.hostField() == null ? null : service(text(e, proxy.hostField()));
            }
        };
    }

    @Override
    public void onEvent(Event e, Object prepared, DetectorContext ctx) {
        EndpointEvents.Kind endpoint = EndpointEvents.kind(e.type());
        if (endpoint == EndpointEvents.Kind.NETWORK || endpoint == EndpointEvents.Kind.DNS) {
            if (prepared instanceof Service s) {
                contact(e, s, (endpoint == EndpointEvents.Kind.DNS ? "looked up " : "connected to ") + s.domain, ctx);
            }
            return;
        }
        switch (e.type()) {
            case "dns" -> {
                Service s = (Service) prepared;
                if (s != null) {
                    Object answers = e.field("answers");
                    String client = text(e, "id.orig_h");
                    if (answers instanceof List<?> list && client != null) {
                        for (Object a : list) {
                            if (a instanceof String ip) {
                                addresses.put(client + " " + ip, s);
                            }
                        }
                    }
                    contact(e, s, "looked up " + s.domain, ctx);
                }
            }
            case "ssl" -> {
                Service s = (Service) prepared;
                if (s != null) {
                    String client = text(e, "id.orig_h");
                    String ip = text(e, "id.resp_h");
                    if (client != null && ip != null) {
                        addresses.put(client + " " + ip, s);
                    }
                    contact(e, s, "opened an encrypted connection to " + s.domain, ctx);
                }
            }
            case "http" -> {
                Service s = (Service) prepared;
                if (s != null) {
                    contact(e, s, "sent a web request to " + s.domain, ctx);
                    sent(e, s, number(e, "request_body_len"), ctx);
                }
            }
            case "conn" -> {
                Service s = prepared == null ? null : addresses.peek((String) prepared);
                if (s != null) {
                    sent(e, s, number(e, "orig_bytes"), ctx);
                }
            }
            default -> {
                if (prepared instanceof Service s) {
                    proxied(e, s, ProxyLogs.of(e.type()), ctx);
                }
            }
        }
    }

    /** A cloud proxy's, resolver's or firewall's record of {@code s}: contact, and what it sent unless refused. */
    private void proxied(Event e, Service s, ProxyLogs.Log proxy, DetectorContext ctx) {
        if (proxy.kind() == ProxyLogs.Kind.DNS) {
            contact(e, s, "looked up " + s.domain, ctx);
            return;
        }
        boolean web = proxy.kind() == ProxyLogs.Kind.WEB;
        boolean blocked = blocked(e);
        contact(e, s, (blocked ? "tried to reach " : web ? "sent a web request to " : "connected to ") + s.domain
                + (blocked ? web ? " (the web proxy blocked it)" : " (the cloud firewall blocked it)" : ""), ctx);
        if (!blocked && proxy.sentField() != null) {
            sent(e, s, number(e, proxy.sentField()), ctx);
        }
    }

    private void contact(Event e, Service s, String what, DetectorContext ctx) {
        Traffic t = traffic(e, s, ctx);
        if (t == null || t.contacted) {
            return;
        }
        t.contacted = true;
        double strength = s.anonymous ? settings.number("file_sharing_contact_strength", 0.25)
                : settings.number("personal_cloud_contact_strength", 0.15);
        ctx.signal(CONTACT_ID, t.subject).stage(Stage.STEAL).technique("T1567").strength(strength).evidence(e)
                .because(t.who + " " + what + ", " + (s.anonymous
                        ? "an anonymous file-sharing service that hands out a download link for whatever is sent."
                        : "personal cloud storage outside the company's control."))
                .emit();
    }

    private void sent(Event e, Service s, long bytes, DetectorContext ctx) {
        if (bytes <= 0) {
            return;
        }
        Traffic t = traffic(e, s, ctx);
        if (t == null) {
            return;
        }
        t.add(e.type(), bytes);
        if (t.evidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
            t.evidence.add(e.origin());
        }
        if (t.uploadReported || t.bytes() < uploadBytes) {
            return;
        }
        t.uploadReported = true;
        double strength = settings.number("upload_strength", 0.5)
                + (t.bytes() >= 10 * uploadBytes ? settings.number("large_upload_bonus", 0.1) : 0);
        ctx.signal(ID, t.subject).stage(Stage.STEAL).technique(s.anonymous ? "T1567" : "T1567.002")
                .strength(strength).at(e.time()).evidence(t.evidence)
                .because(t.who + " uploaded " + size(t.bytes()) + " to " + s.domain + ", "
                        + (s.anonymous ? "an anonymous file-sharing service." : "personal cloud storage the company does not use."))
                .emit();
    }

    /**
     * The per-source record for this event and service, with the subject resolved once. A source is
     * the device, else the account a proxy log names (a laptop behind a farm's router shares its
     * address with the others there), else the address.
     */
    private Traffic traffic(Event e, Service s, DetectorContext ctx) {
        String host = e.host();
        String ip = e.sourceIp() != null ? e.sourceIp() : text(e, "id.orig_h");
        DeviceAddresses.Holder held = null;
        if (host == null && ip != null) {
            held = ctx.addresses().holderAt(ip, e.time());
            if (held != null) {
                host = held.device();
            }
        }
        String account = host == null && e.user() != null && !e.user().isBlank() ? e.user() : null;
        String source = host != null ? Normalise.deviceName(host)
                : account != null ? "account " + account.toLowerCase(Locale.ROOT) : ip;
        if (source == null) {
            ctx.skipped("network record with no device and no source address");
            return null;
        }
        final String h = host;
        final DeviceAddresses.Holder via = held;
        return traffic.get(source + " " + s.domain, k -> {
            Traffic t = new Traffic();
            String worker = h != null ? ctx.roster().workerIdOfHost(h) : null;
            if (worker == null) {
                worker = ctx.roster().workerIdOf(e);
            }
            t.subject = worker != null ? EntityRef.worker(worker)
                    : h != null ? new EntityRef(EntityRef.Kind.HOST, h)
                    : account != null ? new EntityRef(EntityRef.Kind.ACCOUNT, account)
                    : new EntityRef(EntityRef.Kind.IP, ip);
            t.who = via != null ? "Device " + h + " (" + via.at(ip) + ")"
                    : h != null ? "Device " + h : account != null ? "The account " + account
                    : "The computer at " + ip;
            return t;
        });
    }

    /**
     * Whether a web proxy or cloud firewall refused the request or session (Zscaler's {@code action}:
     * {@code Blocked}, {@code Drop}, {@code Block/Reset}; Umbrella's {@code verdict}: {@code BLOCKED}).
     */
    static boolean blocked(Event e) {
        return refused(text(e, "action")) || refused(text(e, "verdict"));
    }

    private static boolean refused(String action) {
        if (action == null) {
            return false;
        }
        String a = action.toLowerCase(Locale.ROOT);
        return a.startsWith("block") || a.startsWith("drop") || a.equals("reset");
    }

    /** The configured service a host name belongs to (itself or a parent domain), or null. */
    Service service(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        Service s = services.get(h);
        for (int dot = h.indexOf('.'); s == null && dot >= 0; dot = h.indexOf('.', dot + 1)) {
            s = services.get(h.substring(dot + 1));
        }
        return s;
    }

    static boolean isInternal(String ip) {
        return ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("172.") && secondOctetPrivate(ip)
                || ip.startsWith("fd") || ip.startsWith("fc");
    }

    private static boolean secondOctetPrivate(String ip) {
        int dot = ip.indexOf('.', 4);
        try {
            int second = Integer.parseInt(ip.substring(4, dot));
            return second >= 16 && second <= 31;
        } catch (RuntimeException ex) {
            return false;
        }
    }

    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }

    private static String text(Event e, String field) {
        Object v = e.field(field);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static long number(Event e, String field) {
        Object v = e.field(field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException ex) {
                return 0;
            }
        }
        return 0;
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT).strip()).toList();
    }

    record Service(String domain, boolean anonymous) {
    }

    static final class Traffic {
        EntityRef subject;
        String who;
        boolean contacted;
        boolean uploadReported;
        /**
         * Bytes sent as each kind of log tells them: Zeek's http request bodies, Zeek's conn
         * records, a web proxy's requests, a cloud firewall's sessions. One upload can be in two of
         * them (a plain-HTTP upload in http.log and conn.log; a flow Zeek at the VPN and the laptop's
         * proxy agent both saw; a web session in Zscaler's web and firewall logs), so the kinds are
         * never added up: the most any one of them saw is what was sent.
         */
        final long[] sent = new long[4];
        final List<EventRef> evidence = new ArrayList<>();

        void add(String type, long bytes) {
            ProxyLogs.Log proxy = ProxyLogs.of(type);
            sent[type.equals("http") ? 0 : type.equals("conn") ? 1
                    : proxy != null && proxy.kind() == ProxyLogs.Kind.FIREWALL ? 3 : 2] += bytes;
        }

        long bytes() {
            return Math.max(Math.max(sent[0], sent[1]), Math.max(sent[2], sent[3]));
        }
    }
}
