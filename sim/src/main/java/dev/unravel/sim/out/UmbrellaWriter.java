package dev.unravel.sim.out;

import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.world.Catalog;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Cisco Umbrella, as a company whose laptops run the roaming client (only with
 * {@code simulate --web-proxy umbrella}): every name a flow looked up is a DNS log row, and every
 * web flow (TCP to port 80 or 443 with a name) a Secure Web Gateway proxy log row, written as
 * Umbrella exports them to S3: CSV with every field quoted and no header, in
 * {@code umbrella/dnslogs/YYYY-MM-DD/YYYY-MM-DD-00-00-sim0.csv} and
 * {@code umbrella/proxylogs/...} (DNS log format version 13; the proxy log's first 26 columns).
 *
 * <p>Identities: the AD user ({@code Last, First (work e-mail)}) and the laptop as a roaming
 * computer. The external address is the laptop's network's public address (its home's, its farm's,
 * an office's): where the roaming client reached Umbrella from.
 */
public final class UmbrellaWriter implements SourceWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final DailyTextLines dns;
    private final DailyTextLines proxy;

    public UmbrellaWriter(OutputDir dir) {
        dns = new DailyTextLines(dir, day -> "umbrella/dnslogs/" + day + "/" + day + "-00-00-sim0.csv");
        proxy = new DailyTextLines(dir, day -> "umbrella/proxylogs/" + day + "/" + day + "-00-00-sim0.csv");
    }

    @Override
    public String source() {
        return "umbrella";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        dns.startDay(day);
        proxy.startDay(day);
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof NetFlow f) || f.domain() == null) {
            return;
        }
        String time = TIME.format(f.time());
        String user = f.person().lastName + ", " + f.person().firstName + " (" + f.person().workEmail + ")";
        String laptop = f.host().hostname();
        boolean v6 = f.dstIp().indexOf(':') >= 0;
        String external = f.publicIp() == null ? "" : f.publicIp();
        row(dns, time, user, user + "," + laptop, f.host().internalIp(), external, "Allowed",
                v6 ? "28 (AAAA)" : "1 (A)", "NOERROR", f.domain() + ".", "Software/Technology", "AD Users",
                "AD Users,Anyconnect Roaming Client", "");
        if (!"tcp".equals(f.proto()) || f.dstPort() != 443 && f.dstPort() != 80) {
            return;
        }
        String method = f.httpMethod() != null ? f.httpMethod() : f.bytesOut() > f.bytesIn() ? "POST" : "GET";
        String url = (f.dstPort() == 443 ? "https://" : "http://") + f.domain()
                + (f.httpUri() != null ? f.httpUri() : "/");
        String agent = f.userAgent() != null ? f.userAgent()
                : f.host().windows() ? Catalog.CHROME_WIN : Catalog.CHROME_MAC;
        row(proxy, time, laptop, f.host().internalIp(), external, f.dstIp(), "application/octet-stream",
                "ALLOWED", url, "", agent, "200", Long.toString(f.bytesOut()), Long.toString(f.bytesIn()),
                Long.toString(Math.max(0, f.bytesIn() - 300)), "", "Software/Technology", "", "", "", "", "",
                "Roaming Computers", "", laptop + "," + user, "Roaming Computers,AD Users", method);
    }

    /** One row with every field quoted, as Umbrella writes them. */
    private static void row(DailyTextLines out, String... fields) throws IOException {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
        }
        out.write(b.append('\n'));
    }

    @Override
    public long records() {
        return dns.records() + proxy.records();
    }

    @Override
    public void close() throws IOException {
        dns.close();
        proxy.close();
    }
}
