package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.WindowsLogSources;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Windows events as Winlogbeat (7.x, 8.x) and Elastic Agent's Windows integration write them:
 * {@code @timestamp}, {@code winlog.channel}, {@code winlog.event_id}, {@code winlog.provider_name},
 * {@code winlog.computer_name}, {@code winlog.event_data.*}, {@code winlog.user_data.*},
 * {@code winlog.user.identifier}, and the ECS fields its modules add. Winlogbeat 6's top-level
 * {@code log_name}/{@code event_id}/{@code computer_name}/{@code event_data} shape and
 * Elasticsearch hits ({@code _source}) are read too.
 *
 * <p>The document is {@link WindowsEvents}' flat Sigma shape. Winlogbeat's Sysmon module moves
 * fields out of {@code event_data} into ECS ({@code Image} → {@code process.executable},
 * {@code User} → {@code user.domain}/{@code user.name}, {@code Hashes} → {@code process.hash.*},
 * {@code TargetObject} → {@code registry.path}, …) and deletes them; for the Sysmon channel those
 * fields are put back under their Sysmon names, from the module's own mapping read backwards, so
 * that Sigma rules see the same fields as from evtx.
 */
public final class WinlogbeatReader extends JsonReader {

    @Override
    public String id() {
        return "winlogbeat";
    }

    @Override
    public String description() {
        return "Windows event logs as Winlogbeat / Elastic Agent JSON (winlog.*, ECS), Sysmon fields restored";
    }

    @Override
    public int probe(Sample sample) {
        int first = sample.firstChar();
        if (first != '{' && first != '[') {
            return 0;
        }
        String text = sample.text();
        if (text.contains("\"winlog\"") && text.contains("\"event_id\"")) {
            return 92;
        }
        if (text.contains("\"log_name\"") && text.contains("\"event_id\"") && text.contains("\"computer_name\"")) {
            return 75;
        }
        return 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (doc.get("winlog") == null && doc.get("_source") instanceof Map<?, ?> source) {
            doc = (Map<String, Object>) source; // an Elasticsearch hit
        }
        Object winlogRaw = doc.get("winlog");
        if (winlogRaw != null && !(winlogRaw instanceof Map)) {
            throw RecordException.invalid("winlog", "an object", winlogRaw);
        }
        boolean legacy = winlogRaw == null;
        if (legacy && doc.get("event_id") == null) {
            throw new RecordException("winlog", "is missing: not a Winlogbeat record");
        }
        Map<String, Object> w = legacy ? doc : (Map<String, Object>) winlogRaw;
        String idField = legacy ? "event_id" : "winlog.event_id";
        Object rawId = w.get("event_id");
        if (rawId == null && !legacy) {
            rawId = Docs.get(doc, "event.code");
            idField = "event.code";
        }
        if (rawId == null) {
            throw RecordException.missing(legacy ? "event_id" : "winlog.event_id");
        }
        int eventId = WindowsEvents.eventId(rawId, idField);
        Instant time = time(doc, "@timestamp");

        WindowsEvents.Doc d = new WindowsEvents.Doc();
        d.system("EventID", eventId);
        d.system("Channel", first(w.get(legacy ? "log_name" : "channel")));
        d.system("Computer", first(w.get("computer_name"), Docs.get(doc, "host.name")));
        d.system("Provider_Name", first(w.get(legacy ? "source_name" : "provider_name"), Docs.get(doc, "event.provider")));
        d.system("Provider_Guid", w.get("provider_guid"));
        d.system("EventRecordID", w.get(legacy ? "record_number" : "record_id"));
        d.system("Version", w.get("version"));
        d.system("Level", first(w.get("level"), Docs.get(doc, "log.level")));
        d.system("Task", w.get("task"));
        d.system("Opcode", w.get("opcode"));
        d.system("Keywords", w.get("keywords"));
        d.system("TimeCreated", first(w.get("time_created"), doc.get("@timestamp")));
        d.system("ProcessID", legacy ? w.get("process_id") : Docs.get(w, "process.pid"));
        d.system("ThreadID", legacy ? w.get("thread_id") : Docs.get(w, "process.thread.id"));
        d.system("UserID", Docs.get(w, "user.identifier"));

        Object eventData = w.get("event_data");
        if (eventData != null && !(eventData instanceof Map)) {
            throw RecordException.invalid(legacy ? "event_data" : "winlog.event_data", "an object", eventData);
        }
        EvtxJsonReader.eventData(d, "EventData", eventData);
        Object userData = w.get("user_data");
        if (userData instanceof Map<?, ?> ud) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) ud).entrySet()) {
                if (!e.getKey().equals("xml_name")) {
                    d.data("UserData", e.getKey(), e.getValue());
                }
            }
        }

        String channel = WindowsEvents.channelOf(d.map());
        String service = WindowsLogSources.service(channel);
        if ("sysmon".equals(service)) {
            restoreSysmon(d, doc, eventId);
        } else if ("security".equals(service) && eventId == 4688) {
            d.fill("NewProcessName", Docs.get(doc, "process.executable"));
            d.fill("CommandLine", Docs.get(doc, "process.command_line"));
            d.fill("ParentProcessName", Docs.get(doc, "process.parent.executable"));
        }
        return WindowsEvents.event(d, eventId, time, origin);
    }

    /** Puts back the Sysmon fields Winlogbeat's module moved into ECS, under Sysmon's names, where they are missing. */
    private static void restoreSysmon(WindowsEvents.Doc d, Map<String, Object> doc, int id) {
        boolean source = id == 8 || id == 10; // CreateRemoteThread, ProcessAccess: the acting process is the Source
        d.fill(id == 8 ? "SourceProcessGuid" : id == 10 ? "SourceProcessGUID" : "ProcessGuid",
                Docs.get(doc, "process.entity_id"));
        d.fill(source ? "SourceProcessId" : "ProcessId", Docs.get(doc, "process.pid"));
        if (source) {
            d.fill("SourceThreadId", Docs.get(doc, "process.thread.id"));
        }
        d.fill(source ? "SourceImage" : "Image", Docs.get(doc, "process.executable"));
        d.fill("CommandLine", Docs.get(doc, "process.command_line"));
        d.fill("CurrentDirectory", Docs.get(doc, "process.working_directory"));
        d.fill("ParentProcessGuid", Docs.get(doc, "process.parent.entity_id"));
        d.fill("ParentProcessId", Docs.get(doc, "process.parent.pid"));
        d.fill("ParentImage", Docs.get(doc, "process.parent.executable"));
        d.fill("ParentCommandLine", Docs.get(doc, "process.parent.command_line"));
        d.fill("OriginalFileName", Docs.get(doc, id == 7 ? "file.pe.original_file_name" : "process.pe.original_file_name"));
        d.fill("RuleName", Docs.get(doc, "rule.name"));

        String hashes = hashes(doc, id == 6 || id == 7 || id == 15 || id == 29 ? "file" : "process");
        if (hashes != null) {
            d.fill(id == 15 ? "Hash" : "Hashes", hashes);
        }
        Object path = Docs.get(doc, "file.path");
        switch (id) {
            case 6, 7 -> d.fill("ImageLoaded", path);
            case 9 -> d.fill("Device", path);
            case 2, 11, 15, 23, 26, 27, 28, 29 -> d.fill("TargetFilename", path);
            case 17, 18 -> d.fill("PipeName", Docs.get(doc, "file.name"));
            default -> {
            }
        }

        if (id == 3) {
            d.fill("Protocol", Docs.get(doc, "network.transport"));
            d.fill("DestinationPortName", Docs.get(doc, "network.protocol"));
            String direction = WindowsEvents.text(Docs.get(doc, "network.direction"));
            if (direction != null) {
                d.fill("Initiated", direction.equals("egress") || direction.equals("outbound") ? "true"
                        : direction.equals("ingress") || direction.equals("inbound") ? "false" : null);
            }
            String type = WindowsEvents.text(Docs.get(doc, "network.type"));
            if (type != null) {
                String v6 = type.equals("ipv6") ? "true" : type.equals("ipv4") ? "false" : null;
                d.fill("SourceIsIpv6", v6);
                d.fill("DestinationIsIpv6", v6);
            }
        }
        d.fill("SourceIp", Docs.get(doc, "source.ip"));
        d.fill("SourcePort", Docs.get(doc, "source.port"));
        d.fill("SourceHostname", Docs.get(doc, "source.domain"));
        d.fill("DestinationIp", Docs.get(doc, "destination.ip"));
        d.fill("DestinationPort", Docs.get(doc, "destination.port"));
        d.fill("DestinationHostname", Docs.get(doc, "destination.domain"));
        if (id == 22) {
            d.fill("QueryName", Docs.get(doc, "dns.question.name"));
        }

        String user = WindowsLogSources.account(Docs.get(doc, "user.domain"), Docs.get(doc, "user.name"));
        d.fill("User", user);

        if (id == 12 || id == 13 || id == 14) {
            d.fill("TargetObject", Docs.get(doc, "registry.path"));
            d.fill("Details", registryDetails(doc));
        }
        Object archived = Docs.get(doc, "sysmon.file.archived");
        d.fill("Archived", archived == null ? null : archived.toString());
        Object executable = Docs.get(doc, "sysmon.file.is_executable");
        d.fill("IsExecutable", executable == null ? null : executable.toString());
    }

    /** Sysmon's {@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…} from {@code <ecs>.hash.*} and {@code <ecs>.pe.imphash}. */
    @SuppressWarnings("unchecked")
    private static String hashes(Map<String, Object> doc, String ecs) {
        List<String> parts = new ArrayList<>();
        if (Docs.get(doc, ecs + ".hash") instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                String v = WindowsEvents.text(e.getValue());
                if (v != null) {
                    parts.add(e.getKey().toUpperCase(Locale.ROOT) + "=" + v.toUpperCase(Locale.ROOT));
                }
            }
        }
        String imphash = WindowsEvents.text(Docs.get(doc, ecs + ".pe.imphash"));
        if (imphash != null) {
            parts.add("IMPHASH=" + imphash.toUpperCase(Locale.ROOT));
        }
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    /** Sysmon's Details text from {@code registry.data}: {@code DWORD (0x00000001)} for a DWORD, the string otherwise. */
    private static String registryDetails(Map<String, Object> doc) {
        Object strings = Docs.get(doc, "registry.data.strings");
        String value = strings instanceof List<?> l && !l.isEmpty() ? WindowsEvents.text(l.get(0))
                : WindowsEvents.text(strings);
        if (value == null) {
            return null;
        }
        String type = WindowsEvents.text(Docs.get(doc, "registry.data.type"));
        if ("SZ_DWORD".equals(type) || "REG_DWORD".equals(type)) {
            try {
                return String.format(Locale.ROOT, "DWORD (0x%08x)", Long.parseLong(value) & 0xFFFFFFFFL);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    private static Object first(Object... values) {
        for (Object v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }
}
