package dev.unravel.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The scan report as one self-contained HTML file: the ranked workers with their reasons. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(Report report, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(tmp, render(report), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String render(Report r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unravel report</title>")
                .append("<style>body{font:14px system-ui,sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
                        + "</style></head><body><h1>Unravel report</h1>");
        b.append("<p>").append(esc(r.period().from())).append(" to ").append(esc(r.period().to())).append(", ")
                .append(r.workersScanned()).append(" workers scanned.</p><table><tr><th>#</th><th>Worker</th>"
                        + "<th>Level</th><th>Score</th><th>Stages</th><th>Reasons</th></tr>");
        for (Report.WorkerEntry w : r.workers()) {
            b.append("<tr><td>").append(w.rank()).append("</td><td>").append(esc(w.name())).append(" (")
                    .append(esc(w.workerId())).append(")</td><td>").append(esc(w.level())).append("</td><td>")
                    .append(String.format("%.2f", w.score())).append("</td><td>")
                    .append(esc(String.join(", ", w.stages()))).append("</td><td><ul>");
            for (Report.SignalEntry s : w.signals()) {
                b.append("<li>").append(esc(s.time())).append(' ').append(esc(s.explanation())).append("</li>");
            }
            b.append("</ul></td></tr>");
        }
        return b.append("</table></body></html>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
