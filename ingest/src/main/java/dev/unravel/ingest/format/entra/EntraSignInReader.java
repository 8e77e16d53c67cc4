package dev.unravel.ingest.format.entra;

import dev.unravel.ingest.read.Sample;

/**
 * Entra ID sign-in logs (Graph {@code signIns} or the Azure Monitor {@code SignInLogs},
 * {@code NonInteractiveUserSignInLogs}, {@code ServicePrincipalSignInLogs},
 * {@code ManagedIdentitySignInLogs} export). Audit records met in the same stream are read as
 * audit events; see {@link EntraReader}.
 */
public final class EntraSignInReader extends EntraReader {

    @Override
    public String id() {
        return "entra-signin";
    }

    @Override
    public String description() {
        return "Microsoft Entra ID sign-in logs (Graph API JSON, Azure Monitor diagnostic export)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            Marks m = marks(sample);
            return m.signIn() ? 90 : m.audit() ? 40 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
