package dev.unravel.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of built-in detectors: adding a detector is one line here. Each call returns new
 * instances, because detectors hold per-scan state.
 */
public final class Detectors {

    private Detectors() {
    }

    /** Every built-in detector, in stage order (apply → extort). */
    public static List<Detector> builtIn(DetectConfig config) {
        List<Detector> all = new ArrayList<>();
        // apply / onboard (identity, hiring, logistics)
        // access (sign-ins, working hours)
        dev.unravel.detect.intel.IntelFeed intel = dev.unravel.detect.intel.IntelFeed.open(config.intel());
        all.add(new dev.unravel.detect.access.ForeignCountrySignIns(intel));
        all.add(new dev.unravel.detect.access.HighRiskCountrySignIns(intel));
        all.add(new dev.unravel.detect.access.AnonymisingNetworkSignIns(intel));
        all.add(new dev.unravel.detect.access.ImpossibleTravel(intel));
        all.add(new dev.unravel.detect.access.SharedSourceIp(intel));
        all.add(new dev.unravel.detect.access.SharedMfaDevice());
        all.add(new dev.unravel.detect.access.UnmanagedDeviceAfterOnboarding());
        all.add(new dev.unravel.detect.hours.WorkingHoursFingerprint());
        // control (remote access, IP-KVM): the Sigma rule pack runs through SigmaDetector, added by the engine
        // steal (exfiltration)
        return all;
    }
}
