package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.FileDownload;
import dev.unravel.sim.activity.FileShare;
import dev.unravel.sim.activity.MailForward;
import dev.unravel.sim.world.World;
import dev.unravel.sim.world.Person;
import java.io.IOException;

/**
 * Microsoft 365's unified audit log for SharePoint file downloads and sharing, and Exchange mailbox
 * forwarding (Set-Mailbox, New-InboxRule), as the Office 365 Management Activity API returns its
 * records (collected one a line), one file per UTC day:
 * {@code m365/audit-YYYY-MM-DD.ndjson}. {@code CreationTime} is UTC without a zone, as the API
 * writes it; a browser download is {@code FileDownloaded}, the OneDrive client's sync of a whole
 * file {@code FileSyncDownloadedFull}; a file shared with an outside address is
 * {@code SecureLinkCreated} then {@code AddedToSecureLink} naming the guest, one shared with anyone
 * {@code AnonymousLinkCreated}.
 */
public final class M365Writer extends DailyJsonWriter {
    private static final String ORGANIZATION = "6f2b1c4e-0d3a-4b8e-9f7a-2c5d8e1b4a90";
    private static final String TENANT = World.DOMAIN.substring(0, World.DOMAIN.indexOf('.')) + ".onmicrosoft.com";
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/122.0.0.0 Safari/537.36";
    private static final String ONEDRIVE = "Microsoft SkyDriveSync 24.030.0212.0003 ship; Windows NT 10.0 (19045)";

    private final char[] time = new char[UtcText.MAX_LENGTH];

    public M365Writer(OutputDir out) {
        super(out, "m365", day -> "m365/audit-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof MailForward m) {
            forward(m);
            return;
        }
        if (activity instanceof FileShare s) {
            share(s);
            return;
        }
        if (!(activity instanceof FileDownload f)) {
            return;
        }
        String relative = f.folder() + "/" + f.fileName();
        JsonGenerator g = begin(f.time(), f.id(), f.sync() ? "FileSyncDownloadedFull" : "FileDownloaded", 6);
        fileActor(g, f.person(), f.ip(), f.site(), relative, f.id());
        g.writeStringField("ListId", Derived.uuid(f.site(), 5));
        g.writeStringField("ListItemUniqueId", Derived.uuid(f.site() + relative, 7));
        g.writeStringField("Site", Derived.uuid(f.site(), 9));
        g.writeStringField("UserAgent", f.sync() ? ONEDRIVE : BROWSER);
        g.writeStringField("WebId", Derived.uuid(f.site(), 13));
        fileNames(g, f.site(), f.folder(), f.fileName());
        out.end();
    }

    /** A SharePoint file record's who and what: the user's keys, the client's address, the file, the ids. */
    private static void fileActor(JsonGenerator g, Person p, String ip, String site, String relative, String id)
            throws IOException {
        g.writeStringField("UserKey", "i:0h.f|membership|1003" + Derived.hex(p.workEmail, 11, 12) + "@live.com");
        g.writeNumberField("UserType", 0);
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "SharePoint");
        g.writeStringField("ClientIP", ip);
        g.writeStringField("ObjectId", site + "/" + relative);
        g.writeStringField("UserId", p.workEmail);
        g.writeStringField("CorrelationId", Derived.uuid(id, 3));
        g.writeStringField("EventSource", "SharePoint");
        g.writeStringField("ItemType", "File");
    }

    /** A SharePoint file record's closing names of the file. */
    private static void fileNames(JsonGenerator g, String site, String folder, String fileName) throws IOException {
        g.writeStringField("SourceFileExtension", fileName.substring(fileName.lastIndexOf('.') + 1));
        g.writeStringField("SiteUrl", site + "/");
        g.writeStringField("SourceFileName", fileName);
        g.writeStringField("SourceRelativeUrl", folder);
    }

    /**
     * A file shared outside the company from SharePoint in a browser: a specific-people link made
     * and the guest added to it, or an anyone link.
     */
    private void share(FileShare s) throws IOException {
        if (s.target() == null) {
            sharing(s, "AnonymousLinkCreated", s.id(), null);
            return;
        }
        sharing(s, "SecureLinkCreated", s.id(), null);
        sharing(s, "AddedToSecureLink", Derived.uuid(s.id(), 17), s.target());
    }

    private void sharing(FileShare s, String operation, String id, String target) throws IOException {
        JsonGenerator g = begin(s.time(), id, operation, 14);
        fileActor(g, s.person(), s.ip(), s.site(), s.folder() + "/" + s.fileName(), s.id());
        g.writeStringField("Site", Derived.uuid(s.site(), 9));
        g.writeStringField("UserAgent", BROWSER);
        g.writeStringField("WebId", Derived.uuid(s.site(), 13));
        g.writeStringField("EventData", "<Type>View</Type><MembersCanShareApplied>False</MembersCanShareApplied>");
        fileNames(g, s.site(), s.folder(), s.fileName());
        if (target != null) {
            g.writeStringField("TargetUserOrGroupName", target);
            g.writeStringField("TargetUserOrGroupType", "Guest");
        }
        out.end();
    }

    /** An Exchange admin-audit record of a mailbox's forwarding, set from Outlook on the web. */
    private void forward(MailForward m) throws IOException {
        Person p = m.person();
        String alias = p.workEmail.substring(0, p.workEmail.indexOf('@'));
        JsonGenerator g = begin(m.time(), m.id(), m.inboxRule() ? "New-InboxRule" : "Set-Mailbox", 1);
        g.writeStringField("ResultStatus", "True");
        g.writeStringField("UserKey", "1003" + Derived.hex(p.workEmail, 11, 12).toUpperCase(java.util.Locale.ROOT));
        g.writeNumberField("UserType", 0);
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "Exchange");
        g.writeStringField("ClientIP", m.ip());
        g.writeStringField("ObjectId", alias);
        g.writeStringField("UserId", p.workEmail);
        g.writeStringField("AppId", "00000002-0000-0ff1-ce00-000000000000");
        g.writeBooleanField("ExternalAccess", false);
        g.writeStringField("OrganizationName", TENANT);
        g.writeStringField("OriginatingServer", "BY5PR04MB7012 (15.20.7409.043)");
        g.writeArrayFieldStart("Parameters");
        if (m.inboxRule()) {
            parameter(g, "Mailbox", p.workEmail);
            parameter(g, "Name", m.ruleName());
            parameter(g, "ForwardTo", m.target());
            parameter(g, "StopProcessingRules", "False");
        } else {
            parameter(g, "Identity", p.workEmail);
            parameter(g, "ForwardingSmtpAddress", "smtp:" + m.target());
            parameter(g, "DeliverToMailboxAndForward", m.keepCopy() ? "True" : "False");
        }
        g.writeEndArray();
        out.end();
    }

    /** A record's opening, common to every workload: its time (UTC, without a zone), id, operation and type. */
    private JsonGenerator begin(java.time.Instant at, String id, String operation, int recordType) throws IOException {
        JsonGenerator g = out.begin();
        g.writeFieldName("CreationTime");
        g.writeString(time, 0, UtcText.format(time, at, 0, ""));
        g.writeStringField("Id", id);
        g.writeStringField("Operation", operation);
        g.writeStringField("OrganizationId", ORGANIZATION);
        g.writeNumberField("RecordType", recordType);
        return g;
    }

    private static void parameter(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }
}
