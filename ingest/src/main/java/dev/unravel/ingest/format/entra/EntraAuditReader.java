package dev.unravel.ingest.format.entra;

import dev.unravel.ingest.read.Sample;

/**
 * Entra ID audit logs (Graph {@code directoryAudits} or the Azure Monitor {@code AuditLogs}
 * export). Sign-in records met in the same stream are read as sign-ins; see {@link EntraReader}.
 */
public final class EntraAuditReader extends EntraReader {

    @Override
    public String id() {
        return "entra-audit";
    }

    @Override
    public String description() {
        return "Microsoft Entra ID audit logs (Graph API JSON, Azure Monitor diagnostic export)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            Marks m = marks(sample);
            // A stream holding both is claimed by the sign-in reader (90); either reads both kinds.
            return m.audit() ? (m.signIn() ? 85 : 90) : m.signIn() ? 40 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
