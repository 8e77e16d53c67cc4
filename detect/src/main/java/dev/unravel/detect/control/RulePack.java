package dev.unravel.detect.control;

import dev.unravel.detect.DetectConfig;
import dev.unravel.sigma.RuleSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unravel's own Sigma rule pack (remote control, IP-KVM, exfiltration command lines) plus the
 * rules the user adds with {@code --rules}, as one {@link RuleSet}. The pack lives on the class
 * path under {@code dev/unravel/detect/rules/}; {@code index.txt} there lists its files, because a
 * folder inside a shaded jar cannot be listed.
 *
 * <p>A {@code --rules} path may also hold LOLRMM tool files (the catalogue, not Sigma rules): they
 * are recognised by their shape and left to {@link RemoteAccessDetector}'s catalogue instead of
 * being reported as broken rules.
 */
public final class RulePack {

    static final String ROOT = "/dev/unravel/detect/rules/";

    private RulePack() {
    }

    /** The built-in pack plus the Sigma files among {@code config.rules()}. */
    public static RuleSet load(DetectConfig config) {
        RuleSet.Builder b = RuleSet.builder().pipeline("evtx");
        for (String name : packFiles()) {
            b.text("unravel:" + name, resource(name));
        }
        for (Path p : sigmaFiles(config.rules())) {
            b.path(p);
        }
        return b.build();
    }

    /** The pack's rule files, relative to the pack root, as {@code index.txt} lists them. */
    public static List<String> packFiles() {
        List<String> names = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                names.add(l);
            }
        }
        return names;
    }

    static String resource(String name) {
        try (InputStream in = RulePack.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("rule pack file missing from the class path: " + ROOT + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder s = new StringBuilder();
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    s.append(line).append('\n');
                }
                return s.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The LOLRMM tool files among the given paths (files, or YAML files below folders). */
    public static List<Path> lolrmmFiles(List<Path> paths) {
        return split(paths, true);
    }

    /** Every other YAML file among the given paths: Sigma rules, given to the Sigma engine. */
    static List<Path> sigmaFiles(List<Path> paths) {
        return split(paths, false);
    }

    private static List<Path> split(List<Path> paths, boolean wantLolrmm) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                // A missing file goes to the Sigma engine, which reports it with its name.
                if (Files.isRegularFile(p) ? isLolrmm(p) == wantLolrmm : !wantLolrmm) {
                    out.add(p);
                }
                continue;
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(RemoteToolCatalogue::isYaml).sorted().toList()) {
                    if (isLolrmm(f) == wantLolrmm) {
                        out.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
        }
        return out;
    }

    private static boolean isLolrmm(Path file) {
        try {
            return RemoteToolCatalogue.LolrmmFile.looksLikeLolrmm(Files.readString(file));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
