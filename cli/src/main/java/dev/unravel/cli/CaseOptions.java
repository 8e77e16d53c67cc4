package dev.unravel.cli;

import dev.unravel.engine.ScanConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --cases-at} and {@code --notify}: how a saved report opens cases and whom it tells, shared
 * by {@code scan} and {@code cases import}; each falls back to the configuration's {@code cases:}.
 */
final class CaseOptions {

    @Option(names = "--cases-at", paramLabel = "LEVEL", description = "The level at which a worker or applicant gets "
            + "a case: medium, high or critical. Default: the configuration's cases.open_at, else high.")
    String casesAt;

    @Option(names = "--notify", paramLabel = "URL", description = "A webhook (Slack, Mattermost, Google Chat, Teams, "
            + "or any tool reading JSON) told of the cases this report opens or reopens. Default: the "
            + "configuration's cases.notify.")
    String notify;

    /** The policy these options and {@code config}'s {@code cases:} section (config may be null) give. */
    ReportCases.Policy policy(Path config) throws IOException {
        return ReportCases.Policy.of(casesAt, notify, ScanConfigFile.cases(config));
    }
}
