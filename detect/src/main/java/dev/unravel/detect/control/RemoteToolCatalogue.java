package dev.unravel.detect.control;

import dev.unravel.detect.control.RemoteTool.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Remote-access and mouse-jiggler products by the names they leave on endpoints and networks:
 * Unravel's own list of the tools seen in remote-worker fraud, optionally extended with LOLRMM
 * catalogue files ({@code lolrmm.io}, one YAML file per tool). Every look-up is a hash-map probe
 * (a domain costs one probe per label), so detectors can ask on every process and DNS event.
 *
 * <p>LOLRMM lists some names that are not specific to one product: Windows' own {@code dwm.exe}
 * and {@code mstsc.exe}, {@code setup.exe}, and domains of shared platforms such as
 * {@code github.com} (GLPI, Komari and Nezha download their agents from there). Such entries would
 * flag every developer, so they are dropped on loading and counted in {@link #droppedGeneric()}.
 */
public final class RemoteToolCatalogue {

    /** File names too generic to name one product, whatever a catalogue file says. */
    static final Set<String> GENERIC_EXECUTABLES = Set.of("setup.exe", "agent.exe", "client.exe", "service.exe",
            "update.exe", "updater.exe", "autoupdate.exe", "selfupdater.exe", "update-shim.exe", "installer.exe",
            "launcher.exe", "install.exe", "uninstall.exe", "installcore.exe", "notificationhelper.exe", "connect.exe",
            "httpget.exe", "httppush.exe", "dwm.exe", "mstsc.exe", "plink.exe", "msiexec.exe", "rundll32.exe",
            "svchost.exe", "conhost.exe", "explorer.exe", "cmd.exe", "powershell.exe", "nvda.exe", "agent", "client",
            "server", "service", "helper");

    /**
     * Shared platforms: a catalogue domain equal to one of these, or a wildcard over one, matches
     * far more than the tool (every clone from github.com, every S3 download).
     */
    static final Set<String> SHARED_PLATFORMS = Set.of("github.com", "githubusercontent.com",
            "objects.githubusercontent.com", "raw.githubusercontent.com", "github.io", "gitlab.com", "bitbucket.org",
            "amazonaws.com", "s3.amazonaws.com", "cloudfront.net", "azurewebsites.net", "azureedge.net",
            "windows.net", "blob.core.windows.net", "microsoft.com", "support.services.microsoft.com", "google.com",
            "googleapis.com", "gstatic.com", "cloudflare.com", "akamaized.net", "sourceforge.net", "apple.com");

    private final Map<String, RemoteTool> byName = new LinkedHashMap<>();
    private final Map<String, RemoteTool> byExecutable = new HashMap<>();
    private final Map<String, RemoteTool> byProgram = new HashMap<>();
    private final Map<String, RemoteTool> byExactDomain = new HashMap<>();
    private final Map<String, RemoteTool> byDomainSuffix = new HashMap<>();
    private final List<String> droppedGeneric = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int lolrmmFiles;
    /** Whether a script host's folders name this catalogue's tools (the face and voice changers'). */
    private boolean namedByFolder;

    private RemoteToolCatalogue() {
    }

    /** Unravel's own catalogue. */
    public static RemoteToolCatalogue builtIn() {
        RemoteToolCatalogue c = new RemoteToolCatalogue();
        for (RemoteTool t : BuiltInRemoteTools.ALL) {
            c.add(t);
        }
        return c;
    }

    /** A catalogue of just {@code tools} (the face and voice changers' own list, a test's). */
    public static RemoteToolCatalogue of(List<RemoteTool> tools) {
        RemoteToolCatalogue c = new RemoteToolCatalogue();
        for (RemoteTool t : tools) {
            c.add(t);
        }
        return c;
    }

    /**
     * The face and voice changers' catalogue: software that puts another face or voice on a call.
     * Its tools are often run from a clone with Python, so a script host's folders are read as their
     * names ({@link #byFolder}); the remote-access catalogue does not, since LOLRMM's program names
     * include words a developer's project folder may be called ("caffeine").
     */
    public static RemoteToolCatalogue faceAndVoiceChangers() {
        RemoteToolCatalogue c = of(BuiltInFaceVoiceChangers.ALL);
        c.namedByFolder = true;
        return c;
    }

    /** The built-in catalogue plus every LOLRMM YAML file in {@code paths} (files or folders). */
    public static RemoteToolCatalogue builtInWith(Collection<Path> lolrmmPaths) {
        RemoteToolCatalogue c = builtIn();
        for (Path p : lolrmmPaths) {
            c.addLolrmm(p);
        }
        return c;
    }

    // ------------------------------------------------------------------ look-ups

    /** The tool whose process has this file name ({@code AnyDesk.exe}), or null. */
    public RemoteTool byExecutable(String fileName) {
        return fileName == null ? null : byExecutable.get(fileName.toLowerCase(Locale.ROOT));
    }

    /**
     * The tool behind a process or install path: its file name first, then any macOS bundle on the
     * way ({@code /Applications/AnyDesk.app/Contents/MacOS/x}), then, for a script host
     * ({@link #scriptHost}), the folders it runs from. Null when none.
     */
    public RemoteTool byPath(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        RemoteTool t = byExecutable(path.substring(cut + 1));
        if (t != null) {
            return t;
        }
        int app = path.indexOf(".app");
        while (app > 0) {
            int start = Math.max(path.lastIndexOf('/', app), path.lastIndexOf('\\', app)) + 1;
            // A bundle name is already a plain name: a direct probe, no normalising on this hot path.
            t = byProgram.get(path.substring(start, app).toLowerCase(Locale.ROOT));
            if (t != null) {
                return t;
            }
            app = path.indexOf(".app", app + 4);
        }
        return namedByFolder && scriptHost(path.substring(cut + 1)) ? byFolder(path) : null;
    }

    /**
     * The tool a folder on {@code path} is named for, the innermost first ({@code Deep-Live-Cam} in
     * {@code C:\Users\x\Deep-Live-Cam\venv\Scripts\python.exe} or in {@code …\Deep-Live-Cam\run.py}),
     * a folder's name probed as a program name; null when none, and always for a catalogue whose tools
     * folders do not name. Only asked for a script host's paths: a tool run from its source code
     * names itself nowhere else.
     */
    public RemoteTool byFolder(String path) {
        if (path == null || !namedByFolder) {
            return null;
        }
        int end = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        while (end > 0) {
            int start = Math.max(path.lastIndexOf('\\', end - 1), path.lastIndexOf('/', end - 1)) + 1;
            RemoteTool t = byProgram.get(path.substring(start, end).toLowerCase(Locale.ROOT));
            if (t != null) {
                return t;
            }
            end = start - 1;
        }
        return null;
    }

    /**
     * Whether a process file name is Python's interpreter ({@code python.exe}, {@code pythonw.exe},
     * {@code python3.11}): the open-source face swappers and voice converters run under it, so the
     * folder it runs from, or its script's, names the tool.
     */
    public static boolean scriptHost(String fileName) {
        if (fileName == null || fileName.length() < 6 || !fileName.regionMatches(true, 0, "python", 0, 6)) {
            return false;
        }
        String rest = fileName.substring(6).toLowerCase(Locale.ROOT);
        if (rest.endsWith(".exe")) {
            rest = rest.substring(0, rest.length() - 4);
        }
        return rest.isEmpty() || rest.equals("w") || rest.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    /**
     * The tool with this installed-program name, app-bundle name or bundle id ("AnyDesk",
     * "ScreenConnect Client (2a4f…)", {@code com.teamviewer.TeamViewer}); versions and brackets
     * are ignored. Null when none.
     */
    public RemoteTool byProgram(String name) {
        String key = programKey(name);
        return key == null ? null : byProgram.get(key);
    }

    /** The tool a host name belongs to ({@code relay-1.net.anydesk.com}), or null. */
    public RemoteTool byDomain(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        RemoteTool t = byExactDomain.get(h);
        if (t != null) {
            return t;
        }
        for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
            t = byDomainSuffix.get(h.substring(dot + 1));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    public Collection<RemoteTool> tools() {
        return byName.values();
    }

    /** The tool with this product name (any case), or null. */
    public RemoteTool tool(String name) {
        return name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
    }

    public int lolrmmFiles() {
        return lolrmmFiles;
    }

    /** LOLRMM files that could not be read, each with its path and reason. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Catalogue entries left out because they would match more than the tool ("github.com (Komari)"). */
    public List<String> droppedGeneric() {
        return List.copyOf(droppedGeneric);
    }

    // ------------------------------------------------------------------ building

    private void add(RemoteTool t) {
        String key = t.name().toLowerCase(Locale.ROOT);
        RemoteTool merged = byName.merge(key, t, (a, b) -> new RemoteTool(a.name(), a.kind(),
                union(a.executables(), b.executables()), union(a.programs(), b.programs()),
                union(a.domains(), b.domains())));
        for (String e : merged.executables()) {
            if (GENERIC_EXECUTABLES.contains(e)) {
                droppedGeneric.add(e + " (" + t.name() + ")");
            } else {
                byExecutable.putIfAbsent(e, merged);
            }
        }
        for (String p : merged.programs()) {
            String k = programKey(p);
            if (k != null) {
                byProgram.putIfAbsent(k, merged);
            }
        }
        for (String d : merged.domains()) {
            addDomain(d, merged);
        }
        // Re-point names that an earlier version of the merged tool registered.
        byExecutable.replaceAll((k, v) -> v.name().equalsIgnoreCase(merged.name()) ? merged : v);
        byProgram.replaceAll((k, v) -> v.name().equalsIgnoreCase(merged.name()) ? merged : v);
        byExactDomain.replaceAll((k, v) -> v.name().equalsIgnoreCase(merged.name()) ? merged : v);
        byDomainSuffix.replaceAll((k, v) -> v.name().equalsIgnoreCase(merged.name()) ? merged : v);
    }

    private void addDomain(String raw, RemoteTool tool) {
        String d = raw.toLowerCase(Locale.ROOT).strip();
        int colon = d.lastIndexOf(':');
        if (colon > 0 && d.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            d = d.substring(0, colon);
        }
        boolean wildcard = false;
        // A pattern ("relay-[a-f0-9]{8}.net.anydesk.com", "*.anydesk.com") matches below its fixed tail.
        int lastPattern = -1;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                lastPattern = i;
            }
        }
        if (lastPattern >= 0) {
            int dot = d.indexOf('.', lastPattern);
            if (dot < 0) {
                return;
            }
            d = d.substring(dot + 1);
            wildcard = true;
        }
        if (d.indexOf('.') < 0 || d.startsWith(".") || d.endsWith(".")) {
            return;
        }
        if (SHARED_PLATFORMS.contains(d)) {
            droppedGeneric.add(raw + " (" + tool.name() + ")");
            return;
        }
        (wildcard ? byDomainSuffix : byExactDomain).putIfAbsent(d, tool);
    }

    /** Reads one LOLRMM YAML file, or every {@code .yaml}/{@code .yml} file below a folder. */
    void addLolrmm(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path f : files.filter(RemoteToolCatalogue::isYaml).sorted().toList()) {
                    addLolrmm(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
            return;
        }
        RemoteTool t;
        try {
            t = LolrmmFile.read(path);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // One broken catalogue file must not stop a scan: it is reported and the rest load.
            errors.add(e.getMessage());
            return;
        }
        if (t != null) {
            lolrmmFiles++;
            add(t);
        }
    }

    static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    static String programKey(String name) {
        if (name == null) {
            return null;
        }
        String s = name.toLowerCase(Locale.ROOT);
        int paren = s.indexOf('(');
        if (paren >= 0) {
            s = s.substring(0, paren);
        }
        if (s.endsWith(".app")) {
            s = s.substring(0, s.length() - 4);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (String word : s.trim().split("\\s+")) {
            if (word.isEmpty() || word.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(word);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** LOLRMM's YAML shape: Name, Details.PEMetadata[].Filename, Details.InstallationPaths, Artifacts.Network[].Domains. */
    static final class LolrmmFile {

        private LolrmmFile() {
        }

        /** True when a YAML file looks like a LOLRMM tool definition rather than a Sigma rule. */
        static boolean looksLikeLolrmm(String yaml) {
            return (yaml.startsWith("Name:") || yaml.contains("\nName:"))
                    && (yaml.contains("\nDetails:") || yaml.contains("\nArtifacts:")) && !yaml.contains("\ndetection:");
        }

        static RemoteTool read(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (!looksLikeLolrmm(text)) {
                return null;
            }
            Object doc;
            try {
                doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": not a readable LOLRMM file: " + e.getMessage(), e);
            }
            if (!(doc instanceof Map<?, ?> root) || !(root.get("Name") instanceof String name)) {
                return null;
            }
            Set<String> executables = new LinkedHashSet<>();
            Set<String> domains = new LinkedHashSet<>();
            Map<?, ?> details = root.get("Details") instanceof Map<?, ?> m ? m : Map.of();
            for (Object pe : list(details.get("PEMetadata"))) {
                if (pe instanceof Map<?, ?> pm) {
                    addFileName(executables, pm.get("Filename"));
                    addFileName(executables, pm.get("OriginalFileName"));
                }
            }
            for (Object p : list(details.get("InstallationPaths"))) {
                addFileName(executables, p);
            }
            Map<?, ?> artifacts = root.get("Artifacts") instanceof Map<?, ?> m ? m : Map.of();
            for (Object n : list(artifacts.get("Network"))) {
                if (n instanceof Map<?, ?> nm) {
                    for (Object d : list(nm.get("Domains"))) {
                        if (d instanceof String s && !s.isBlank()) {
                            domains.add(s);
                        }
                    }
                }
            }
            return new RemoteTool(name.strip(), Kind.REMOTE_CONTROL, executables, Set.of(name.strip()), domains);
        }

        /** The file name of a path or bare name, when it names a file rather than a folder or pattern. */
        private static void addFileName(Set<String> out, Object value) {
            if (!(value instanceof String s) || s.isBlank()) {
                return;
            }
            String v = s.strip();
            int cut = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
            String file = v.substring(cut + 1).toLowerCase(Locale.ROOT);
            if (file.isEmpty() || file.contains("*") || file.contains("<") || file.endsWith(".app")) {
                return;
            }
            out.add(file);
        }

        private static List<?> list(Object o) {
            return o instanceof List<?> l ? l : o == null ? List.of() : List.of(o);
        }
    }
}
