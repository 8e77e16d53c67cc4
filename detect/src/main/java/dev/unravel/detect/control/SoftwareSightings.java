package dev.unravel.detect.control;

import dev.unravel.core.Event;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.ProxyLogs;
import java.util.Map;

/**
 * Which product of a catalogue an event shows: a process start (Sysmon 1, Security 4688, Defender
 * for Endpoint, CrowdStrike Falcon, osquery {@code processes}), installed software (osquery
 * {@code programs} and {@code apps}, Falcon's application inventory), or a connection or look-up of
 * the product's domains (endpoint network and DNS events, Zeek, the cloud proxies). Shared by the
 * detectors that look for software on the laptop: remote-access tools, and face and voice changers.
 */
final class SoftwareSightings {

    /** CrowdStrike Falcon Discover's installed applications (FDR's appinfo), as the reader types them. */
    static final String FALCON_APPS = "asset.falcon-app";

    private final RemoteToolCatalogue catalogue;

    SoftwareSightings(RemoteToolCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Which product an event shows, and how; null when none. */
    Sighting of(Event e) {
        String type = e.type();
        if (type.startsWith("osquery.")) {
            return osquery(e);
        }
        if (type.equals(FALCON_APPS)) {
            String product = text(e, "ProductName");
            String file = text(e, "FileName");
            RemoteTool t = catalogue.byProgram(product);
            if (t == null) {
                t = catalogue.byExecutable(file);
            }
            return t == null ? null : new Sighting(t, "installed application " + (product != null ? product + " (" + file
                    + ")" : file) + " in Falcon's inventory", null, text(e, "CompanyName"), true, true);
        }
        EndpointEvents.Kind endpoint = EndpointEvents.kind(type);
        if (endpoint == EndpointEvents.Kind.PROCESS) {
            String image = text(e, "Image");
            RemoteTool t = catalogue.byPath(image);
            if (t == null) {
                t = catalogue.byExecutable(text(e, "OriginalFileName"));
            }
            return t != null ? new Sighting(t, "process " + image, image, text(e, "Company"), true)
                    : script(image, text(e, "CommandLine"), text(e, "CurrentDirectory"));
        }
        if (endpoint == EndpointEvents.Kind.NETWORK) {
            String dest = text(e, "DestinationHostname");
            String image = text(e, "Image");
            RemoteTool t = catalogue.byPath(image);
            if (t != null) {
                return new Sighting(t, "network connection by " + image, image, null, true);
            }
            t = catalogue.byDomain(dest);
            return t == null ? null : new Sighting(t, "connection to " + dest + " by " + image, image, null, true);
        }
        if (endpoint == EndpointEvents.Kind.DNS) {
            String q = text(e, "QueryName");
            RemoteTool t = catalogue.byDomain(q);
            return t == null ? null : new Sighting(t, "DNS look-up of " + q, text(e, "Image"), null, false);
        }
        switch (type) {
            case "dns" -> {
                return network(e, "query", "DNS look-up of ");
            }
            case "http" -> {
                return network(e, "host", "web request to ");
            }
            case "ssl" -> {
                return network(e, "server_name", "encrypted connection to ");
            }
            default -> {
                ProxyLogs.Log proxy = ProxyLogs.of(e.type());
                return proxy == null || proxy.hostField() == null ? null : network(e, proxy.hostField(),
                        switch (proxy.kind()) {
                            case DNS -> "DNS look-up of ";
                            case WEB -> "web request through the proxy to ";
                            case FIREWALL -> "connection through the cloud firewall to ";
                        });
            }
        }
    }

    private Sighting network(Event e, String field, String how) {
        String host = text(e, field);
        RemoteTool t = catalogue.byDomain(host);
        return t == null ? null : new Sighting(t, how + host, null, null, false);
    }

    private Sighting osquery(Event e) {
        Object q = e.document().get("query");
        String query = q instanceof String s ? s : "";
        switch (query) {
            case "processes" -> {
                String path = column(e, "path");
                RemoteTool t = catalogue.byPath(path);
                if (t == null) {
                    t = catalogue.byExecutable(column(e, "name"));
                }
                return t != null ? new Sighting(t, "process " + (path != null ? path : column(e, "name")), path,
                        null, true) : script(path, column(e, "cmdline"), column(e, "cwd"));
            }
            case "programs" -> {
                String name = column(e, "name");
                RemoteTool t = catalogue.byProgram(name);
                String location = column(e, "install_location");
                if (t == null) {
                    t = catalogue.byPath(location);
                }
                return t == null ? null : new Sighting(t, "installed program " + name, location,
                        column(e, "publisher"), true, true);
            }
            case "apps" -> {
                String bundle = column(e, "bundle_identifier");
                String path = column(e, "path");
                RemoteTool t = catalogue.byProgram(bundle);
                if (t == null) {
                    t = catalogue.byProgram(column(e, "bundle_name"));
                }
                if (t == null) {
                    t = catalogue.byPath(path);
                }
                return t == null ? null : new Sighting(t, "installed app " + (bundle != null ? bundle : path), path,
                        null, true, true);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A script host running a tool's script: {@code python run.py} with the clone of Deep-Live-Cam
     * as its working directory, or {@code python C:\Users\x\facefusion\facefusion.py run}; the
     * script's folders name the tool. Null when the image is no script host or no folder is known.
     */
    private Sighting script(String image, String commandLine, String workingDirectory) {
        if (image == null || commandLine == null
                || !RemoteToolCatalogue.scriptHost(image.substring(Math.max(image.lastIndexOf('\\'),
                        image.lastIndexOf('/')) + 1))) {
            return null;
        }
        String script = scriptPath(commandLine);
        if (script == null) {
            return null;
        }
        if (script.indexOf('\\') < 0 && script.indexOf('/') < 0 && workingDirectory != null) {
            String dir = workingDirectory.endsWith("\\") || workingDirectory.endsWith("/") ? workingDirectory
                    : workingDirectory + (workingDirectory.indexOf('/') >= 0 ? "/" : "\\");
            script = dir + script;
        }
        RemoteTool t = catalogue.byFolder(script);
        return t == null ? null : new Sighting(t, "process " + image + " running " + script, script, null, true);
    }

    /** The first argument of a command line that is a Python script ({@code .py}), its quotes taken off; or null. */
    static String scriptPath(String commandLine) {
        int n = commandLine.length();
        int i = 0;
        while (i < n) {
            while (i < n && commandLine.charAt(i) == ' ') {
                i++;
            }
            boolean quoted = i < n && commandLine.charAt(i) == '"';
            int start = quoted ? i + 1 : i;
            int end = quoted ? commandLine.indexOf('"', start) : commandLine.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            if (end - start > 3 && commandLine.regionMatches(true, end - 3, ".py", 0, 3)) {
                return commandLine.substring(start, end);
            }
            i = end + 1;
        }
        return null;
    }

    /** An osquery row's column, read from the {@code columns} map directly (no dotted-path search per event). */
    static String column(Event e, String name) {
        Object columns = e.document().get("columns");
        if (!(columns instanceof Map<?, ?> row)) {
            return null;
        }
        Object v = row.get(name);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        return s.isBlank() ? null : s;
    }

    static String text(Event e, String field) {
        Object v = e.field(field);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        return s.isBlank() ? null : s;
    }

    /**
     * A product seen: how (an explanation's words), the path and signer where the event gives them,
     * whether it ran or was installed on the computer rather than only contacted over the network,
     * and whether an inventory of installed software showed it (rather than a process start).
     */
    record Sighting(RemoteTool tool, String how, String path, String signer, boolean onEndpoint, boolean installed) {

        /** A product seen running or contacted, not in an inventory. */
        Sighting(RemoteTool tool, String how, String path, String signer, boolean onEndpoint) {
            this(tool, how, path, signer, onEndpoint, false);
        }
    }
}
