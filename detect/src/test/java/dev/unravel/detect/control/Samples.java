package dev.unravel.detect.control;

import java.util.Locale;

/**
 * Test records in the vendors' own formats, as the readers meet them in real exports: Windows
 * events in evtx_dump JSON, osquery result-log lines, Zeek JSON lines, and the HR and asset CSV
 * that put workers and their laptops in the roster.
 */
public final class Samples {

    private Samples() {
    }

    public static final String EMPLOYEES_HEADER = "employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,"
            + "personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,"
            + "time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,"
            + "termination_reason,applicant_id\n";

    /** One HR row: a US employee hired on {@code hireDate}. */
    public static String employee(String id, String first, String last, String username, String hireDate) {
        return String.format(Locale.ROOT, "%s,%s,%s,1990-01-02,123-45-6789,%s.%s@gmail.com,%s.%s@example.com,%s,"
                + "(801) 515-7251,1 Main St,,Austin,TX,73301,US,America/Chicago,Engineering,Developer,,employee,Remote,"
                + "%s,,,A%s\n", id, first, last, first.toLowerCase(Locale.ROOT), last.toLowerCase(Locale.ROOT),
                first.toLowerCase(Locale.ROOT), last.toLowerCase(Locale.ROOT), username, hireDate, id);
    }

    public static final String ASSETS_HEADER = "asset_tag,serial_number,model,os,hostname,assigned_employee_id,"
            + "assigned_at,status\n";

    public static String laptop(String host, String serial, String employeeId) {
        return "NWL-" + serial + "," + serial + ",Latitude 7440,Windows 11," + host + "," + employeeId
                + ",2026-02-27,assigned\n";
    }

    /** A Windows event in evtx_dump JSON; {@code data} is name, value pairs for EventData. */
    public static String evtx(String channel, String provider, int eventId, String time, String computer,
            String... data) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i + 1 < data.length; i += 2) {
            if (d.length() > 0) {
                d.append(',');
            }
            d.append(json(data[i])).append(':').append(json(data[i + 1]));
        }
        return "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
                + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":" + json(provider) + "}},\"EventID\":" + eventId
                + ",\"Version\":5,\"Level\":4,\"Task\":1,\"Opcode\":0,\"Keywords\":\"0x8000000000000000\","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":" + json(time) + "}},\"EventRecordID\":1,"
                + "\"Channel\":" + json(channel) + ",\"Computer\":" + json(computer)
                + ",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},\"EventData\":{" + d + "}}}\n";
    }

    public static String sysmon(int eventId, String time, String computer, String... data) {
        return evtx("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", eventId, time, computer, data);
    }

    /** A Sysmon process start. */
    public static String process(String time, String computer, String user, String image, String commandLine) {
        return sysmon(1, time, computer, "UtcTime", time.replace('T', ' ').replace("Z", ""), "ProcessId", "4242",
                "Image", image, "CommandLine", commandLine, "User", user, "ParentImage", "C:\\Windows\\explorer.exe");
    }

    /** An osquery differential result-log line for one added row; {@code columns} is name, value pairs. */
    public static String osquery(String query, long unixTime, String host, String... columns) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i + 1 < columns.length; i += 2) {
            if (c.length() > 0) {
                c.append(',');
            }
            c.append(json(columns[i])).append(':').append(json(columns[i + 1]));
        }
        return "{\"name\":\"pack_it_" + query + "\",\"hostIdentifier\":" + json(host)
                + ",\"calendarTime\":\"\",\"unixTime\":" + unixTime + ",\"epoch\":0,\"counter\":1,\"numerics\":false,"
                + "\"decorations\":{\"hostname\":" + json(host) + "},\"columns\":{" + c + "},\"action\":\"added\"}\n";
    }

    /**
     * A Zeek dns.log JSON line with one A answer, with {@code _path} as the json-streaming-logs
     * package writes it (the harness's file name does not say which log it is).
     */
    public static String zeekDns(double ts, String client, String query, String answer) {
        return String.format(Locale.ROOT, "{\"_path\":\"dns\",\"ts\":%.6f,\"uid\":\"Cd%08x\",\"id.orig_h\":\"%s\",\"id.orig_p\":53100,"
                + "\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":36175,\"rtt\":0.008,"
                + "\"query\":\"%s\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\","
                + "\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,"
                + "\"answers\":[\"%s\"],\"TTLs\":[1241.0],\"rejected\":false}\n", ts, (int) ts, client, query, answer);
    }

    /**
     * A Zscaler Internet Access web transaction as an NSS feed in the format of Zscaler's SIEM
     * guides writes it: {@code user} and {@code device} as Client Connector reports them.
     */
    public static String zscalerWeb(String time, String user, String device, String clientIp, String method,
            String url, long requestBytes, String action) {
        String host = url.replaceFirst("^https?://", "").replaceFirst("[/:].*$", "");
        return String.format(Locale.ROOT, "{ \"sourcetype\" : \"zscalernss-web\", \"event\" : {\"datetime\":\"%s\","
                + "\"reason\":\"%s\",\"event_id\":\"7294101551983017985\",\"protocol\":\"HTTPS\",\"action\":\"%s\","
                + "\"transactionsize\":\"%d\",\"responsesize\":\"1520\",\"requestsize\":\"%d\","
                + "\"urlcategory\":\"File Host\",\"serverip\":\"31.216.145.5\",\"requestmethod\":\"%s\","
                + "\"refererURL\":\"None\",\"useragent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
                + "like Gecko) Chrome/131.0.0.0 Safari/537.36\",\"product\":\"NSS\","
                + "\"location\":\"Road Warrior\",\"ClientIP\":\"%s\",\"status\":\"200\",\"user\":\"%s\","
                + "\"url\":\"%s\",\"vendor\":\"Zscaler\",\"hostname\":\"%s\",\"clientpublicIP\":\"%s\","
                + "\"threatcategory\":\"None\",\"threatname\":\"None\",\"appname\":\"General Browsing\","
                + "\"pagerisk\":\"0\",\"department\":\"Engineering\",\"urlsupercategory\":\"Internet Communication\","
                + "\"appclass\":\"File Sharing\",\"urlclass\":\"Bandwidth Loss\",\"contenttype\":\"application/octet-stream\","
                + "\"deviceowner\":\"%s\",\"devicehostname\":\"%s\"}}\n", time,
                "Blocked".equals(action) ? "Blocked by policy" : "Allowed", action, requestBytes + 1520, requestBytes,
                method, clientIp, user, url.replaceFirst("^https?://", ""), host, clientIp,
                user.replaceFirst("@.*", ""), device == null ? "None" : device);
    }

    /**
     * A Zscaler Internet Access firewall session as the firewall feed format of Zscaler's SIEM guides
     * writes it, {@code fqdn} in {@code cdfqdn} when not null.
     */
    public static String zscalerFirewall(String time, String user, String device, String serverIp, int port,
            String fqdn, long outBytes, String action) {
        return String.format(Locale.ROOT, "{ \"sourcetype\" : \"zscalernss-fw\", \"event\" :{\"datetime\":\"%s\","
                + "\"user\":\"%s\",\"department\":\"Engineering\",\"locationname\":\"Road Warrior\",\"cdport\":%d,"
                + "\"csport\":55018,\"sdport\":%d,\"ssport\":41022,\"csip\":\"203.0.113.44\",\"cdip\":\"%s\","
                + "\"ssip\":\"136.226.2.10\",\"sdip\":\"%s\",\"tsip\":\"203.0.113.44\",\"tuntype\":"
                + "\"ZscalerClientConnector\",\"action\":\"%s\",\"nwsvc\":\"Any\",\"nwapp\":\"others\",\"proto\":\"TCP\","
                + "\"inbytes\":90000,\"outbytes\":%d,\"durationms\":2273000,\"numsessions\":1,"
                + "\"deviceowner\":\"%s\",\"devicehostname\":\"%s\"%s}}\n", time, user, port, port, serverIp, serverIp,
                action, outBytes, user.replaceFirst("@.*", ""), device,
                fqdn == null ? "" : ",\"cdfqdn\":\"" + fqdn + "\"");
    }

    /**
     * A Cloudflare Gateway network (L4) record as Logpush's {@code gateway_network} dataset writes it,
     * from the WARP client on {@code device}; {@code sni} the TLS server's name when not null.
     */
    public static String cloudflareNetwork(String time, String email, String device, String serverIp, String sni,
            String action) {
        return String.format(Locale.ROOT, "{\"AccountID\":\"e4d1b0f2c3a5\",\"Action\":\"%s\",\"Datetime\":\"%s\","
                + "\"DestinationIP\":\"%s\",\"DestinationPort\":443,\"DeviceID\":\"6f1c8a2e-3b44-4c1d-9a55\","
                + "\"DeviceName\":\"%s\",\"Email\":\"%s\",%s\"SourceIP\":\"73.1.2.3\","
                + "\"SourceInternalIP\":\"192.168.1.23\",\"SourcePort\":52994,\"Transport\":\"tcp\"}\n", action,
                time, serverIp, device, email, sni == null ? "" : "\"SNI\":\"" + sni + "\",");
    }

    /** A Cloudflare Zero Trust network session (Logpush's zero_trust_network_sessions) that sent {@code bytesSent}. */
    public static String cloudflareSession(String start, String email, String device, String originIp, long bytesSent) {
        return String.format(Locale.ROOT, "{\"BytesReceived\":679,\"BytesSent\":%d,\"ConnectionCloseReason\":"
                + "\"CLIENT_CLOSED\",\"DeviceName\":\"%s\",\"Email\":\"%s\",\"OriginIP\":\"%s\",\"OriginPort\":443,"
                + "\"Protocol\":\"TCP\",\"SessionEndTime\":\"%s\",\"SessionID\":\"%08x\",\"SessionStartTime\":\"%s\","
                + "\"SourceInternalIP\":\"192.168.1.23\",\"SourceIP\":\"73.1.2.3\",\"SourcePort\":52994}\n", bytesSent,
                device, email, originIp, start, (device + start).hashCode(), start);
    }

    /**
     * A Cloudflare Gateway HTTP request (Logpush's gateway_http) uploading {@code file} of {@code size}
     * bytes, as Gateway's file detection names it.
     */
    public static String cloudflareUpload(String time, String email, String device, String url, String file, long size,
            String action) {
        String host = url.replaceFirst("^https?://", "").replaceFirst("[/:].*$", "");
        return String.format(Locale.ROOT, "{\"Action\":\"%s\",\"Datetime\":\"%s\",\"DestinationIP\":"
                + "\"66.203.125.11\",\"DestinationPort\":443,\"DeviceName\":\"%s\",\"Email\":\"%s\","
                + "\"FileInfo\":{\"files\":[{\"name\":\"%s\",\"size\":%d}]},\"HTTPHost\":\"%s\","
                + "\"HTTPMethod\":\"POST\",\"HTTPStatusCode\":200,\"HTTPVersion\":\"HTTP/2\",\"RequestID\":\"%08x\","
                + "\"SourceInternalIP\":\"192.168.1.23\",\"SourceIP\":\"73.1.2.3\",\"SourcePort\":51544,"
                + "\"UploadedFileNames\":[\"%s\"],\"URL\":\"%s\",\"UserAgent\":\"MEGAsync/4.12\"}\n", action, time,
                device, email, file, size, host, (device + time).hashCode(), file, url);
    }

    /** A Cisco Umbrella DNS log row (format version 13) from a roaming laptop with an AD user. */
    public static String umbrellaDns(String time, String userName, String email, String device, String internalIp,
            String domain) {
        String user = userName + " (" + email + ")";
        return String.format(Locale.ROOT, "\"%s\",\"%s\",\"%s,%s\",\"%s\",\"203.0.113.44\",\"Allowed\",\"1 (A)\","
                + "\"NOERROR\",\"%s.\",\"Online Storage and Backup\",\"AD Users\",\"AD Users,Anyconnect Roaming "
                + "Client\",\"\"\n", time, user, user, device, internalIp, domain);
    }

    /** A Cisco Umbrella proxy (Secure Web Gateway) log row sending {@code requestBytes} to {@code url}. */
    public static String umbrellaProxy(String time, String device, String internalIp, String url, long requestBytes,
            String verdict) {
        return String.format(Locale.ROOT, "\"%s\",\"%s\",\"%s\",\"203.0.113.44\",\"66.203.125.11\","
                + "\"application/octet-stream\",\"%s\",\"%s\",\"\",\"MEGAsync/4.12\",\"200\",\"%d\",\"512\",\"0\",\"\","
                + "\"Online Storage and Backup\",\"\",\"\",\"\",\"\",\"\",\"Roaming Computers\",\"\",\"%s,Home,Network\","
                + "\"Roaming Computers,Sites,Networks\",\"POST\"\n", time, device, internalIp, verdict, url, requestBytes,
                device);
    }

    /** A Zeek conn.log JSON line for a finished TCP connection ({@code _path} as above). */
    public static String zeekConn(double ts, String client, String server, int port, long origBytes, long respBytes) {
        return String.format(Locale.ROOT, "{\"_path\":\"conn\",\"ts\":%.6f,\"uid\":\"Cc%08x\",\"id.orig_h\":\"%s\",\"id.orig_p\":50266,"
                + "\"id.resp_h\":\"%s\",\"id.resp_p\":%d,\"proto\":\"tcp\",\"service\":\"ssl\",\"duration\":113.1,"
                + "\"orig_bytes\":%d,\"resp_bytes\":%d,\"conn_state\":\"SF\",\"local_orig\":true,\"local_resp\":false,"
                + "\"missed_bytes\":0,\"history\":\"ShADadFf\",\"orig_pkts\":1366,\"orig_ip_bytes\":390745,"
                + "\"resp_pkts\":2382,\"resp_ip_bytes\":3399604}\n", ts, (int) ts, client, server, port, origBytes,
                respBytes);
    }

    /**
     * A Defender for Endpoint advanced hunting row as the streaming API writes it to a storage
     * account, one a line; {@code columns} is name, value pairs (values as JSON text: quote strings
     * with {@link #json}).
     */
    public static String defender(String table, String time, String device, String... columns) {
        StringBuilder c = new StringBuilder("\"Timestamp\":" + json(time) + ",\"DeviceName\":" + json(device)
                + ",\"DeviceId\":\"a3f1c2e4b5d6978812345678901234567890abcd\",\"ReportId\":4711");
        for (int i = 0; i + 1 < columns.length; i += 2) {
            c.append(',').append(json(columns[i])).append(':').append(columns[i + 1]);
        }
        return "{\"time\":" + json(time) + ",\"tenantId\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"operationName\":"
                + "\"Publish\",\"category\":\"AdvancedHunting-" + table + "\",\"properties\":{" + c + "}}\n";
    }

    /**
     * A CrowdStrike Falcon Data Replicator event as the bucket holds it: the computer by its sensor
     * id alone, as FDR's events name it.
     */
    public static String falcon(String name, String time, String aid, String... columns) {
        StringBuilder c = new StringBuilder("{\"event_simpleName\":" + json(name) + ",\"name\":" + json(name + "V4")
                + ",\"aid\":" + json(aid) + ",\"aip\":\"198.51.100.23\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\","
                + "\"event_platform\":\"Win\",\"timestamp\":\"" + java.time.Instant.parse(time).toEpochMilli() + "\"");
        for (int i = 0; i + 1 < columns.length; i += 2) {
            c.append(',').append(json(columns[i])).append(':').append(json(columns[i + 1]));
        }
        return c.append("}\n").toString();
    }

    /** FDR's aidmaster record: which computer a sensor id stands for. */
    public static String aidmaster(String aid, String computer, String time) {
        java.time.Instant t = java.time.Instant.parse(time);
        String seconds = t.getEpochSecond() + ".000";
        return "{\"aid\":" + json(aid) + ",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"AgentLoadFlags\":\"0\","
                + "\"AgentVersion\":\"7.29.19807.0\",\"ComputerName\":" + json(computer) + ",\"MachineDomain\":"
                + "\"corp.example.com\",\"SystemManufacturer\":\"Dell Inc.\",\"SystemProductName\":\"Latitude 7440\","
                + "\"ChassisType\":\"Laptop\",\"Version\":\"Windows 11\",\"ProductType\":\"1\",\"event_platform\":\"Win\","
                + "\"FirstSeen\":\"" + seconds + "\",\"Time\":\"" + seconds + "\"}\n";
    }

    /** A Defender for Endpoint process start (DeviceProcessEvents). */
    public static String defenderProcess(String time, String device, String account, String path, String commandLine) {
        return defender("DeviceProcessEvents", time, device, "ActionType", json("ProcessCreated"), "FileName",
                json(path.substring(path.lastIndexOf('\\') + 1)), "FolderPath", json(path), "ProcessCommandLine",
                json(commandLine), "AccountDomain", json("northwind"), "AccountName", json(account),
                "InitiatingProcessFolderPath", json("c:\\windows\\explorer.exe"));
    }

    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t"); // Security events pad AccessList with tabs
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
