package dev.unravel.sim.out;

import java.util.HashMap;
import java.util.Map;

/**
 * What an identity provider reads from a browser's user-agent string: the browser, its major
 * version and the OS family. Okta and Entra print these in their own vocabularies; the parse is
 * deliberately simple (the simulator's user agents come from a short list) and cached, because
 * the same few strings recur millions of times.
 *
 * @param browser  {@code CHROME}, {@code EDGE}, {@code FIREFOX}, {@code SAFARI} or {@code UNKNOWN}
 * @param major    the browser's major version, or empty
 * @param os       {@code WINDOWS}, {@code MACOS}, {@code IOS}, {@code ANDROID}, {@code LINUX} or {@code UNKNOWN}
 */
record UserAgent(String browser, String major, String os) {
    private static final Map<String, UserAgent> CACHE = new HashMap<>();

    static synchronized UserAgent parse(String raw) {
        return CACHE.computeIfAbsent(raw == null ? "" : raw, UserAgent::read);
    }

    private static UserAgent read(String ua) {
        String browser;
        String token;
        if (ua.contains("Edg/")) {
            browser = "EDGE";
            token = "Edg/";
        } else if (ua.contains("Firefox/")) {
            browser = "FIREFOX";
            token = "Firefox/";
        } else if (ua.contains("Chrome/")) {
            browser = "CHROME";
            token = "Chrome/";
        } else if (ua.contains("Safari/")) {
            browser = "SAFARI";
            token = "Version/";
        } else {
            browser = "UNKNOWN";
            token = null;
        }
        String os;
        if (ua.contains("Windows")) {
            os = "WINDOWS";
        } else if (ua.contains("iPhone") || ua.contains("iPad")) {
            os = "IOS";
        } else if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            os = "MACOS";
        } else if (ua.contains("Android")) {
            os = "ANDROID";
        } else if (ua.contains("Linux")) {
            os = "LINUX";
        } else {
            os = "UNKNOWN";
        }
        return new UserAgent(browser, token == null ? "" : major(ua, token), os);
    }

    private static String major(String ua, String token) {
        int at = ua.indexOf(token);
        if (at < 0) {
            return "";
        }
        int start = at + token.length();
        int end = start;
        while (end < ua.length() && Character.isDigit(ua.charAt(end))) {
            end++;
        }
        return ua.substring(start, end);
    }

    /** Okta's {@code client.userAgent.os}. */
    String oktaOs() {
        return switch (os) {
            case "WINDOWS" -> "Windows 10";
            case "MACOS" -> "Mac OS X";
            case "IOS" -> "iOS";
            case "ANDROID" -> "Android";
            case "LINUX" -> "Linux";
            default -> "Unknown";
        };
    }

    /** Entra's {@code deviceDetail.operatingSystem}. */
    String entraOs() {
        return switch (os) {
            case "WINDOWS" -> "Windows10";
            case "MACOS" -> "MacOs";
            case "IOS" -> "Ios";
            case "ANDROID" -> "Android";
            case "LINUX" -> "Linux";
            default -> "";
        };
    }

    /** Entra's {@code deviceDetail.browser}, e.g. {@code Chrome 123.0.0}. */
    String entraBrowser() {
        String name = switch (browser) {
            case "CHROME" -> "Chrome";
            case "EDGE" -> "Edge";
            case "FIREFOX" -> "Firefox";
            case "SAFARI" -> "Safari";
            default -> "";
        };
        if (name.isEmpty() || major.isEmpty()) {
            return name;
        }
        return name + " " + major + (browser.equals("FIREFOX") ? ".0" : ".0.0");
    }
}
