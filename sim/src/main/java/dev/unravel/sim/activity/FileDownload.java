package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A file downloaded from a SharePoint site, or synced in full to the laptop by the OneDrive client.
 *
 * @param time     when
 * @param person   who
 * @param ip       the computer's public address
 * @param site     the site's URL ({@code https://northwindlabs.sharepoint.com/sites/Engineering})
 * @param folder   the library folder, relative to the site ({@code Shared Documents/Plans})
 * @param fileName the file's name
 * @param sync     synced by the OneDrive client ({@code FileSyncDownloadedFull}) rather than downloaded in a browser
 * @param id       the audit record's id
 */
public record FileDownload(Instant time, Person person, String ip, String site, String folder, String fileName,
        boolean sync, String id) implements Activity {
}
