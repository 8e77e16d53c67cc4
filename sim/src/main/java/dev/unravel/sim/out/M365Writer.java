package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.FileDownload;
import dev.unravel.sim.world.Person;
import java.io.IOException;

/**
 * Microsoft 365's unified audit log for SharePoint file downloads, as the Office 365 Management
 * Activity API returns its records (collected one a line), one file per UTC day:
 * {@code m365/audit-YYYY-MM-DD.ndjson}. {@code CreationTime} is UTC without a zone, as the API
 * writes it; a browser download is {@code FileDownloaded}, the OneDrive client's sync of a whole
 * file {@code FileSyncDownloadedFull}.
 */
public final class M365Writer extends DailyJsonWriter {
    private static final String ORGANIZATION = "6f2b1c4e-0d3a-4b8e-9f7a-2c5d8e1b4a90";
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/122.0.0.0 Safari/537.36";
    private static final String ONEDRIVE = "Microsoft SkyDriveSync 24.030.0212.0003 ship; Windows NT 10.0 (19045)";

    private final char[] time = new char[UtcText.MAX_LENGTH];

    public M365Writer(OutputDir out) {
        super(out, "m365", day -> "m365/audit-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof FileDownload f)) {
            return;
        }
        Person p = f.person();
        String relative = f.folder() + "/" + f.fileName();
        String extension = f.fileName().substring(f.fileName().lastIndexOf('.') + 1);
        JsonGenerator g = out.begin();
        g.writeFieldName("CreationTime");
        g.writeString(time, 0, UtcText.format(time, f.time(), 0, ""));
        g.writeStringField("Id", f.id());
        g.writeStringField("Operation", f.sync() ? "FileSyncDownloadedFull" : "FileDownloaded");
        g.writeStringField("OrganizationId", ORGANIZATION);
        g.writeNumberField("RecordType", 6);
        g.writeStringField("UserKey", "i:0h.f|membership|1003" + Derived.hex(p.workEmail, 11, 12) + "@live.com");
        g.writeNumberField("UserType", 0);
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "SharePoint");
        g.writeStringField("ClientIP", f.ip());
        g.writeStringField("ObjectId", f.site() + "/" + relative);
        g.writeStringField("UserId", p.workEmail);
        g.writeStringField("CorrelationId", Derived.uuid(f.id(), 3));
        g.writeStringField("EventSource", "SharePoint");
        g.writeStringField("ItemType", "File");
        g.writeStringField("ListId", Derived.uuid(f.site(), 5));
        g.writeStringField("ListItemUniqueId", Derived.uuid(f.site() + relative, 7));
        g.writeStringField("Site", Derived.uuid(f.site(), 9));
        g.writeStringField("UserAgent", f.sync() ? ONEDRIVE : BROWSER);
        g.writeStringField("WebId", Derived.uuid(f.site(), 13));
        g.writeStringField("SourceFileExtension", extension);
        g.writeStringField("SiteUrl", f.site() + "/");
        g.writeStringField("SourceFileName", f.fileName());
        g.writeStringField("SourceRelativeUrl", f.folder());
        out.end();
    }
}
