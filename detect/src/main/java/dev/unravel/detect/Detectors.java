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
        // IP intelligence shared by every detector that asks where an address is
        dev.unravel.detect.intel.IntelFeed intel = dev.unravel.detect.intel.IntelFeed.open(config.intel());
        // the team's published-indicator lists, read once for the detectors that compare against them
        dev.unravel.detect.intel.IndicatorLists.Lists indicators = dev.unravel.detect.intel.IndicatorLists.read(
                config.indicators(), "indicators");
        // apply / onboard (identity, hiring, logistics)
        all.add(new dev.unravel.detect.apply.SharedIdentifierDetector());
        all.add(new dev.unravel.detect.apply.PhoneDetector());
        all.add(new dev.unravel.detect.apply.SsnDetector());
        all.add(new dev.unravel.detect.apply.IdentityVerificationDetector(intel));
        all.add(new dev.unravel.detect.apply.InterviewDetector());
        all.add(new dev.unravel.detect.apply.FlaggedReferrerDetector());
        all.add(new dev.unravel.detect.apply.ClusterDetector());
        all.add(new dev.unravel.detect.apply.PublishedIndicatorDetector(indicators));
        all.add(new dev.unravel.detect.onboard.ShipToNotHomeDetector());
        all.add(new dev.unravel.detect.onboard.ShipToChangedDetector());
        all.add(new dev.unravel.detect.onboard.LaptopFarmDetector());
        all.add(new dev.unravel.detect.onboard.SharedNetworkDetector());
        all.add(new dev.unravel.detect.onboard.MailDropDetector());
        all.add(new dev.unravel.detect.onboard.PayrollDetector());
        // access (sign-ins, working hours)
        all.add(new dev.unravel.detect.access.ForeignCountrySignIns(intel));
        all.add(new dev.unravel.detect.access.HighRiskCountrySignIns(intel));
        all.add(new dev.unravel.detect.access.AnonymisingNetworkSignIns(intel));
        all.add(new dev.unravel.detect.access.PublishedIndicatorSignIns(intel, indicators));
        all.add(new dev.unravel.detect.access.ImpossibleTravel(intel));
        all.add(new dev.unravel.detect.access.SharedSourceIp(intel));
        all.add(new dev.unravel.detect.access.SharedMfaDevice());
        all.add(new dev.unravel.detect.access.SharedMeetingComputer());
        all.add(new dev.unravel.detect.access.SharedCommitIdentity());
        all.add(new dev.unravel.detect.access.MfaPhoneAbroad(intel));
        all.add(new dev.unravel.detect.access.UnmanagedDeviceAfterOnboarding());
        all.add(new dev.unravel.detect.access.AccessAfterTermination());
        all.add(new dev.unravel.detect.hours.WorkingHoursFingerprint());
        all.add(new dev.unravel.detect.hours.CommitTimeZoneDetector());
        // control (remote access, IP-KVM); the Sigma rule pack and --rules run through SigmaDetector
        all.add(new dev.unravel.detect.sigma.SigmaDetector(dev.unravel.detect.control.RulePack.load(config)));
        all.add(dev.unravel.detect.control.RemoteAccessDetector.load(config));
        all.add(new dev.unravel.detect.control.IpKvmDetector());
        all.add(new dev.unravel.detect.control.RdpClientTimeZoneDetector());
        all.add(new dev.unravel.detect.control.RemoteDesktopLogonDetector(intel));
        all.add(new dev.unravel.detect.control.OsTimeZoneDetector());
        all.add(new dev.unravel.detect.control.InputLanguageDetector());
        all.add(new dev.unravel.detect.control.FaceVoiceChangerDetector());
        // steal (exfiltration)
        all.add(new dev.unravel.detect.steal.RepoHarvestDetector());
        all.add(new dev.unravel.detect.steal.CloudFileHarvestDetector());
        all.add(new dev.unravel.detect.steal.ExternalSharingDetector(indicators));
        all.add(new dev.unravel.detect.steal.RepoExposureDetector());
        all.add(new dev.unravel.detect.steal.MailForwardingDetector());
        all.add(new dev.unravel.detect.steal.NewTokenMassAccessDetector());
        all.add(new dev.unravel.detect.steal.CloudUploadDetector());
        all.add(new dev.unravel.detect.steal.OutboundVolumeDetector());
        all.add(new dev.unravel.detect.steal.UsbStorageWritesDetector());
        all.add(new dev.unravel.detect.extort.ExtortionEmailDetector(indicators));
        return all;
    }
}
