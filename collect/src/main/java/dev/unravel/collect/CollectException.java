package dev.unravel.collect;

import java.io.IOException;

/**
 * A collection that cannot go on: the API refused the credentials, kept failing, rate-limited
 * longer than allowed, or answered with something that is not its log. The message names the API
 * and the request, and says what to check; nothing of the run is written.
 */
public final class CollectException extends IOException {
    private static final long serialVersionUID = 1L;

    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
