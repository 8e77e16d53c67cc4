package dev.unravel.detect.steal;

import dev.unravel.core.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sharing records {@link ExternalSharingDetector} judges, read into one shape: which document,
 * its title, and to whom. SharePoint and OneDrive's {@code AddedToSecureLink},
 * {@code SharingInvitationCreated} and {@code SharingSet} name the guest in
 * {@code TargetUserOrGroupName} (a guest account's {@code x_gmail.com#EXT#@…} read back to
 * {@code x@gmail.com}), {@code AnonymousLinkCreated} makes a link anyone can open; the document is
 * the {@code ObjectId}. Google Drive's {@code change_user_access} grants a {@code target_user} (or
 * everyone at a {@code target_domain}) the access in {@code new_value} — {@code none} takes it
 * away — and {@code change_document_visibility} opens the document to anyone holding the link
 * ({@code people_with_link}, {@code public_on_the_web}); the document is {@code doc_id}.
 */
final class SharingRecords {

    private static final String DRIVE_SHARE = "drive.change_user_access";
    private static final String DRIVE_VISIBILITY = "drive.change_document_visibility";
    private static final String M365_ANYONE = "m365.AnonymousLinkCreated";
    /** The records read, as the {@code m365-audit} and {@code gworkspace} readers type them. */
    static final Set<String> EVENT_TYPES = Set.of("m365.AddedToSecureLink", "m365.SharingInvitationCreated",
            "m365.SharingSet", M365_ANYONE, DRIVE_SHARE, DRIVE_VISIBILITY);

    /** Drive's visibilities that let anyone holding the link open the document. */
    private static final Set<String> ANYONE_VISIBILITY = Set.of("people_with_link", "public_on_the_web");

    /** One document shared outward, as the record tells it: recipient null for an anyone link. */
    record Share(String document, String title, String recipient) {
    }

    private SharingRecords() {
    }

    /** The record's share, or null when it grants no one outside the company anything. */
    static Share read(Event e) {
        return e.type().startsWith("drive.") ? driveShare(e) : microsoftShare(e);
    }

    /**
     * The field a sharing record needs and does not have, or null: the recipient of a share with
     * someone ({@code TargetUserOrGroupName}, {@code parameters.target_user}) and what Drive granted
     * ({@code parameters.new_value}). Without them a share could not be told from a colleague's.
     */
    static String missing(Event e) {
        if (e.type().startsWith("drive.")) {
            if (e.field("parameters.new_value") == null) {
                return "parameters.new_value";
            }
            return e.type().equals(DRIVE_SHARE) && text(e.field("parameters.target_user")) == null
                    && text(e.field("parameters.target_domain")) == null ? "parameters.target_user" : null;
        }
        return !e.type().equals(M365_ANYONE) && text(e.field("TargetUserOrGroupName")) == null
                ? "TargetUserOrGroupName" : null;
    }

    /** A Microsoft 365 sharing record's share, or null when it names no outside address. */
    private static Share microsoftShare(Event e) {
        String document = text(e.field("ObjectId"));
        String title = text(e.field("SourceFileName"));
        if (e.type().equals(M365_ANYONE)) {
            return new Share(document, title, null);
        }
        String target = guestAddress(text(e.field("TargetUserOrGroupName")));
        return target == null ? null : new Share(document, title, target);
    }

    /**
     * The address a SharePoint target names, lower-cased: a guest account's user name
     * ({@code john.doe_gmail.com#EXT#@contoso.onmicrosoft.com}) read back to the address it was
     * invited at; null for a group or anything without an address.
     */
    static String guestAddress(String target) {
        if (target == null) {
            return null;
        }
        String t = target.toLowerCase(Locale.ROOT);
        int ext = t.indexOf("#ext#");
        if (ext >= 0) {
            String invited = t.substring(0, ext);
            int underscore = invited.lastIndexOf('_');
            t = underscore > 0 && underscore < invited.length() - 1
                    ? invited.substring(0, underscore) + "@" + invited.substring(underscore + 1) : null;
        }
        return t != null && t.indexOf('@') > 0 && t.indexOf('@') == t.lastIndexOf('@') ? t : null;
    }

    /** A Drive sharing event's share, or null when it grants no one outside anything. */
    private static Share driveShare(Event e) {
        String document = text(e.field("parameters.doc_id"));
        String title = text(e.field("parameters.doc_title"));
        List<String> granted = values(e.field("parameters.new_value"));
        if (e.type().equals(DRIVE_VISIBILITY)) {
            return granted.stream().anyMatch(ANYONE_VISIBILITY::contains)
                    && !"internal".equals(e.field("parameters.visibility_change"))
                    ? new Share(document, title, null) : null;
        }
        if (granted.isEmpty() || granted.stream().allMatch("none"::equals)) {
            return null; // access taken away
        }
        String target = text(e.field("parameters.target_user"));
        if (target == null) {
            // shared with everyone at a domain: "@domain", another company's unless the lists name it
            String domain = text(e.field("parameters.target_domain"));
            return domain == null ? null : new Share(document, title, "@" + domain.toLowerCase(Locale.ROOT));
        }
        return new Share(document, title, target.toLowerCase(Locale.ROOT));
    }

    /** A parameter's values: Drive gives {@code new_value} as a list, a flattened export now and then as text. */
    private static List<String> values(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        } else if (raw instanceof String s && !s.isBlank()) {
            out.add(s.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
