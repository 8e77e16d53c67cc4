package dev.unravel.cli;

import picocli.CommandLine.Option;

/** {@code --store}: where scans and cases are kept, shared by the commands that use the store. */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR|JDBC-URL", defaultValue = "${env:UNRAVEL_STORE:-unravel-store}",
            description = "Where scans and cases are kept: a folder for the embedded database, or a PostgreSQL URL "
                    + "(jdbc:postgresql://host/db?user=…). Default: $UNRAVEL_STORE, else ${DEFAULT-VALUE}.")
    String location;
}
