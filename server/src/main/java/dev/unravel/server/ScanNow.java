package dev.unravel.server;

/**
 * How the console asks for a scan at once, when it runs scheduled scans ({@code serve
 * --scan-every}): after a backlog was sent, or the HR exports changed, an analyst need not wait for
 * the next hour.
 */
@FunctionalInterface
public interface ScanNow {

    /**
     * Asks for a scan on the console's scan thread; returns a sentence for the analyst: queued, or
     * why not (one is already waiting).
     */
    String request(String analyst);
}
