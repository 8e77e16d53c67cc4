package dev.unravel.detect.control;

import java.util.Set;

/**
 * One remote-access product (or a VPN, jiggler, face or voice changer) as a catalogue knows it: the
 * names under which it shows on an endpoint (executables, macOS bundle ids, installed-program names)
 * and on the network (domains).
 * All names are lower case; a domain starting with {@code *.} matches every host below it.
 *
 * @param name        the product name an analyst recognises ("AnyDesk")
 * @param kind        what it lets someone do: {@link Kind#REMOTE_CONTROL}, {@link Kind#JIGGLER}, {@link Kind#VPN},
 *                    {@link Kind#FACE_CHANGER} or {@link Kind#VOICE_CHANGER}
 * @param executables file names of its processes ({@code anydesk.exe}, {@code rustdesk})
 * @param programs    installed-program, app-bundle and bundle-id names ({@code anydesk}, {@code com.philandro.anydesk})
 * @param domains     hosts it connects to ({@code *.net.anydesk.com})
 */
public record RemoteTool(String name, Kind kind, Set<String> executables, Set<String> programs, Set<String> domains) {

    public enum Kind {
        /** Someone elsewhere sees the screen and drives keyboard and mouse. */
        REMOTE_CONTROL,
        /** Keeps the session "active" while nobody is at the keyboard. */
        JIGGLER,
        /** Hides where the computer connects from (the scheme's operators' VPN, reported by name). */
        VPN,
        /** Puts another face on the camera: real-time face swapping, a deepfake on a video call. */
        FACE_CHANGER,
        /** Makes the microphone's voice sound like someone else's. */
        VOICE_CHANGER
    }

    public RemoteTool {
        executables = Set.copyOf(executables);
        programs = Set.copyOf(programs);
        domains = Set.copyOf(domains);
    }
}
