package dev.unravel.sigma.pipeline;

import dev.unravel.core.LogSource;
import dev.unravel.sigma.parse.RuleParser;
import dev.unravel.sigma.parse.Search;
import dev.unravel.sigma.parse.SigmaError;
import dev.unravel.sigma.parse.Y;
import dev.unravel.sigma.parse.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads processing pipelines from YAML, and knows the built-in ones by name.
 *
 * <pre>
 * name: winlogbeat
 * description: Winlogbeat / ECS documents
 * fields:                      # rule field → event path(s), first present wins
 *   EventID: winlog.event_id
 *   Channel: [winlog.channel]
 * default_paths: ['winlog.event_data.{field}', '{field}']
 * logsources:
 *   - rule: {category: registry_delete}
 *     events: [{category: registry_add}]
 *     condition: {EventType: [DeleteKey, DeleteValue]}
 * placeholders:
 *   Administrators: ['adm_*', 'root']
 * </pre>
 *
 * Built-ins: {@code evtx} (Windows events as flat Sysmon/evtx names — the identity — plus the
 * Windows logsource taxonomy), {@code winlogbeat} (Winlogbeat/ECS {@code winlog.*} documents),
 * {@code envelope} (Unravel's event envelope: {@code user}, {@code host}, {@code source_ip} …).
 */
public final class PipelineLoader {
    public static final List<String> BUILT_INS = List.of("evtx", "winlogbeat", "envelope");

    private PipelineLoader() {
    }

    /** A built-in pipeline by name, or a YAML file by path. */
    public static ProcessingPipeline load(String nameOrPath) throws IOException {
        if (BUILT_INS.contains(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IOException("pipeline '" + nameOrPath + "' is neither a built-in " + BUILT_INS
                    + " nor a readable file");
        }
        return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
    }

    public static ProcessingPipeline builtIn(String name) {
        String res = name + ".yml";
        try (InputStream in = PipelineLoader.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in pipeline '" + name + "'; built-ins are " + BUILT_INS);
            }
            return parse("builtin:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in pipeline " + name, e);
        }
    }

    /** Parses pipeline YAML; errors name the file and line. */
    public static ProcessingPipeline parse(String file, String text) {
        try {
            List<Y> docs = new YamlReader().readAll(text);
            if (docs.size() != 1 || !(docs.get(0) instanceof Y.Map m)) {
                throw SigmaError.at(docs.isEmpty() ? null : docs.get(0), "a pipeline file holds one YAML map", "");
            }
            String name = m.get("name") instanceof Y.Scalar s ? s.text : file;
            String description = m.get("description") instanceof Y.Scalar s ? s.text : "";
            Map<String, List<String>> fields = new LinkedHashMap<>();
            if (m.get("fields") instanceof Y.Map fm) {
                for (Map.Entry<String, Y> e : fm.entries.entrySet()) {
                    fields.put(e.getKey(), strings(e.getValue()));
                }
            } else if (m.get("fields") != null) {
                throw SigmaError.at(m.get("fields"), "fields must map rule field names to event paths", "");
            }
            List<String> defaults = m.get("default_paths") == null ? List.of() : strings(m.get("default_paths"));
            List<ProcessingPipeline.LogsourceMapping> logsources = new ArrayList<>();
            if (m.get("logsources") instanceof Y.Seq seq) {
                RuleParser parser = new RuleParser();
                for (Y item : seq.items) {
                    if (!(item instanceof Y.Map lm) || !(lm.get("rule") instanceof Y.Map rule)) {
                        throw SigmaError.at(item, "a logsource mapping needs 'rule' (a logsource map)", "");
                    }
                    List<LogSource> events = new ArrayList<>();
                    Y ev = lm.get("events");
                    if (ev instanceof Y.Seq es) {
                        for (Y e : es.items) {
                            events.add(logSource(e));
                        }
                    } else if (ev != null) {
                        events.add(logSource(ev));
                    } else {
                        events.add(logSource(rule));
                    }
                    Search cond = lm.get("condition") == null ? null : parser.search(lm.get("condition"));
                    logsources.add(new ProcessingPipeline.LogsourceMapping(logSource(rule), events, cond));
                }
            }
            Map<String, List<String>> placeholders = new LinkedHashMap<>();
            if (m.get("placeholders") instanceof Y.Map pm) {
                for (Map.Entry<String, Y> e : pm.entries.entrySet()) {
                    placeholders.put(e.getKey(), strings(e.getValue()));
                }
            }
            return new ProcessingPipeline(name, description, fields, defaults, logsources, placeholders);
        } catch (SigmaError e) {
            throw e.inFile(file);
        }
    }

    private static LogSource logSource(Y node) {
        if (!(node instanceof Y.Map m)) {
            throw SigmaError.at(node, "a logsource must be a map of product/category/service", "");
        }
        return LogSource.of(text(m.get("product")), text(m.get("category")), text(m.get("service")));
    }

    private static String text(Y y) {
        return y instanceof Y.Scalar s && !s.isNull() ? s.text : null;
    }

    private static List<String> strings(Y y) {
        if (y instanceof Y.Scalar s) {
            return s.isNull() ? List.of() : List.of(s.text);
        }
        if (y instanceof Y.Seq seq) {
            List<String> out = new ArrayList<>();
            for (Y i : seq.items) {
                if (!(i instanceof Y.Scalar s) || s.isNull()) {
                    throw SigmaError.at(i, "expected a list of strings", "");
                }
                out.add(s.text);
            }
            return out;
        }
        throw SigmaError.at(y, "expected a string or a list of strings", "");
    }
}
