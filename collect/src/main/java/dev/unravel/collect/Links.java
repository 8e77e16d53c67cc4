package dev.unravel.collect;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/** The {@code Link} header (RFC 8288) that Okta and GitHub page with: {@code <https://…>; rel="next"}. */
final class Links {
    private Links() {
    }

    /** The target of the first link with relation {@code rel} in any {@code Link} header, or null. */
    static URI find(HttpResponse<?> response, String rel) {
        List<String> headers = response.headers().allValues("link");
        for (String header : headers) {
            for (String link : header.split(",(?=\\s*<)")) {
                int open = link.indexOf('<');
                int close = link.indexOf('>', open + 1);
                if (open < 0 || close < 0) {
                    continue;
                }
                for (String param : link.substring(close + 1).split(";")) {
                    String p = param.strip();
                    int eq = p.indexOf('=');
                    if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("rel")) {
                        continue;
                    }
                    String value = p.substring(eq + 1).strip().replace("\"", "");
                    for (String r : value.split("\\s+")) {
                        if (r.equalsIgnoreCase(rel)) {
                            return URI.create(link.substring(open + 1, close).strip());
                        }
                    }
                }
            }
        }
        return null;
    }
}
