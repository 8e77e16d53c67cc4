package dev.unravel.detect.extort;

import dev.unravel.core.EventRef;
import java.util.List;

/**
 * One reason to think a worker sent an email.
 *
 * @param workerId the worker
 * @param kind     what ties them
 * @param strength how much it says on its own, in [0, 1]
 * @param detail   the tie in words ("from the personal address HR holds: jane.doe@gmail.com")
 * @param evidence events that show it (the sign-ins from the same address), may be empty
 */
public record SenderTie(String workerId, Kind kind, double strength, String detail, List<EventRef> evidence) {

    /** What ties a sender to a worker, strongest kinds first. */
    public enum Kind {
        /** The sender's address is the personal address HR holds for the worker. */
        PERSONAL_EMAIL,
        /** The sender's address is the worker's personal address with digits, dots or a doubled letter changed, or at another provider. */
        LOOKALIKE_EMAIL,
        /** The email was sent from an address the worker signed in or worked from. */
        SENDER_IP,
        /** A wallet in the demand was also in another email tied to the worker. */
        WALLET,
        /** The display name is the worker's name. */
        DISPLAY_NAME
    }
}
