package dev.unravel.sim.plan;

import dev.unravel.sim.Rng;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.DuoPush;
import dev.unravel.sim.activity.FileDownload;
import dev.unravel.sim.activity.FileShare;
import dev.unravel.sim.activity.GitAction;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.sim.activity.MeetingJoin;
import dev.unravel.sim.activity.MailForward;
import dev.unravel.sim.activity.MonitorInventory;
import dev.unravel.sim.activity.MonitorInventory.Monitor;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.activity.ProgramChange;
import dev.unravel.sim.activity.RdpConnection;
import dev.unravel.sim.activity.RepoChange;
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.activity.SignIn.Idp;
import dev.unravel.sim.activity.UsbInventory;
import dev.unravel.sim.activity.UsbInventory.UsbDevice;
import dev.unravel.sim.activity.VpnConnection;
import dev.unravel.sim.world.Catalog;
import dev.unravel.sim.world.Catalog.RemoteTool;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.LocalNetwork;
import dev.unravel.sim.world.Geo;
import dev.unravel.sim.world.Facilitator;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Noise;
import dev.unravel.sim.world.Persona;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans one person's working day: where they are, when they work, and what they do — sign-ins,
 * programs, network traffic, repository access, device inventory — as {@link Activity} records.
 *
 * <p>A day is planned in the person's own working time zone, so an operator in Pyongyang works
 * 09:00–18:00 there whatever the HR record says. The stream of randomness is keyed by the person
 * and the day, so planning is independent of order and of everyone else.
 */
public final class DayPlanner {
    private static final String CHROME_WIN = Catalog.CHROME_WIN;
    private static final String EDGE_WIN = CHROME_WIN + " Edg/131.0.0.0";
    private static final String CHROME_MAC = Catalog.CHROME_MAC;
    private static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.6 Safari/605.1.15";
    private static final String GIT_UA = "git/2.47.1";

    private static final UsbDevice RECEIVER = new UsbDevice("046d", "c52b", "Logitech", "USB Receiver", "",
            "3", true);
    private static final UsbDevice YUBIKEY = new UsbDevice("1050", "0407", "Yubico", "YubiKey OTP+FIDO+CCID", "",
            "3", true);
    private static final UsbDevice WEBCAM = new UsbDevice("046d", "085e", "Logitech", "BRIO Ultra HD Webcam",
            "", "239", true);
    private static final UsbDevice DOCK = new UsbDevice("413c", "b06e", "Dell Inc.", "Dell dock", "", "9", true);
    /** A root hub shares the Linux Foundation vendor id with IP-KVM gadgets: a near miss by design. */
    private static final UsbDevice ROOT_HUB = new UsbDevice("1d6b", "0002", "Linux Foundation", "2.0 root hub",
            "", "9", false);
    /** PiKVM presents itself as a composite USB gadget (keyboard, mouse, mass storage). */
    private static final UsbDevice PIKVM = new UsbDevice("1d6b", "0104", "PiKVM", "PiKVM Composite Device",
            "CAFEBABE", "239", true);

    private static final Map<String, String> SHA256 = new ConcurrentHashMap<>();
    /** The company's self-hosted ScreenConnect server, in its cloud provider's range. */
    private static final String SUPPORT_SERVER = Internet.HOSTING.get(2).address(Rng.key("screenconnect"));
    private static final String BROWSER = Catalog.WINDOWS_APPS.get(0)[0];

    private final World world;
    private final Truth truth;
    private final Map<String, java.util.LinkedHashSet<Repo>> taken = new java.util.HashMap<>();
    private final LocalDate firstDay;
    private final int days;

    private final boolean vpnLog;
    /** The office suite whose audit log the document and mail activity goes to (for the truth's steps). */
    private final SimConfig.Office office;
    /** How many people report to each manager (by id): their team meets. */
    private final Map<String, Integer> reports = new java.util.HashMap<>();

    public DayPlanner(World world, Truth truth, LocalDate firstDay, int days) {
        this(world, truth, firstDay, days, false);
    }

    /** @param vpnLog a VPN gateway's log is written: plan the laptops' tunnels, which nothing else reads */
    public DayPlanner(World world, Truth truth, LocalDate firstDay, int days, boolean vpnLog) {
        this(world, truth, firstDay, days, vpnLog, SimConfig.Office.MICROSOFT);
    }

    public DayPlanner(World world, Truth truth, LocalDate firstDay, int days, boolean vpnLog, SimConfig.Office office) {
        this.world = world;
        this.truth = truth;
        this.firstDay = firstDay;
        this.days = days;
        this.vpnLog = vpnLog;
        this.office = office;
        for (Person p : world.people) {
            if (p.managerId != null) {
                reports.merge(p.managerId, 1, Integer::sum);
            }
        }
    }

    /**
     * The public address of the laptop of the person-day being planned ({@link #laptopWhereabouts}):
     * what its network flows leave from. Set before any flow is planned; days are planned one at a time.
     */
    private String laptopIp;

    /** Where a person is on a day, as their public address shows it. */
    private record Whereabouts(String ip, Network network, City city, ZoneId zone, boolean managed) {
    }

    /** Appends {@code p}'s activities for the local calendar day {@code day} to {@code out}. */
    public void plan(Person p, LocalDate day, List<Activity> out) {
        if (p.persona == Persona.FIRED_EXTORTIONIST && p.terminationDate != null
                && day.equals(returnDay(p.terminationDate))) {
            afterTermination(p, day, out);
        }
        if (!p.employedOn(day.minusDays(1)) && !p.employedOn(day) && !p.employedOn(day.plusDays(1))) {
            return;
        }
        Rng rng = Rng.of(world.seed, Rng.key("day"), p.index, day.toEpochDay());
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SUNDAY
                || (day.getDayOfWeek() == DayOfWeek.SATURDAY && !p.fraud());
        if (weekend && !rng.chance(0.12)) {
            return;
        }
        Whereabouts where = whereabouts(p, day, rng);
        laptopIp = laptopWhereabouts(p, where).ip();
        int startMinute = p.dayStartMinute + (int) rng.gaussian(0, 20);
        int length = weekend ? rng.between(30, 120) : p.dayLengthMinutes + (int) rng.gaussian(0, 25);
        Instant start = day.atStartOfDay(where.zone()).toInstant().plusSeconds(startMinute * 60L + rng.nextInt(60));
        Instant end = start.plusSeconds(Math.max(20, length) * 60L);
        // Employment follows HR's calendar, in the declared zone: an operator in Pyongyang starts
        // on the evening of the hire date as the company sees it, not the day before.
        LocalDate hrDay = start.atZone(p.timeZone).toLocalDate();
        if (!p.employedOn(hrDay)) {
            return;
        }

        signIns(p, rng, where, start, end, out);
        endpoint(p, rng, start, end, out);
        if (p.engineer) {
            git(p, hrDay, rng, where, start, end, out);
        }
        if (p.fraud()) {
            scheme(p, hrDay, rng, where, start, end, out);
        }
        usb(p, rng, start, end, out);
        // Sources added later draw from streams of their own, so every draw above stays as it was.
        monitors(p, day, where, start, end, out);
        remoteDesktop(p, day, hrDay, where, start, end, out);
        vpnPush(p, day, where, start, out);
        sharePoint(p, day, hrDay, where, start, end, out);
        mailForward(p, hrDay, where, start, end, out);
        shareOutside(p, hrDay, where, start, end, out);
        inputLanguage(p, hrDay, start, out);
        boolean voiceChangerOn = voiceChanger(p, hrDay, start, end, out);
        meetings(p, day, where, start, end, voiceChangerOn, out);
        if (vpnLog) {
            vpnTunnel(p, day, where, start, end, out);
        }
    }

    /**
     * The VPN tunnel of a laptop away from the office, up from just after the day's Duo push to a
     * few minutes after the day's work. The laptop connects from where it is: for every fraudulent
     * hire that is the farm, whose facilitator keeps it online, wherever the operator signs in from;
     * for a worker whose sign-ins leave through the corporate VPN, their home.
     */
    private void vpnTunnel(Person p, LocalDate day, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        if (where.network().kind() == Network.Kind.OFFICE) {
            return; // on the office network: no tunnel
        }
        Rng rng = Rng.of(world.seed, Rng.key("vpn-tunnel"), p.index, day.toEpochDay());
        Whereabouts laptop = laptopWhereabouts(p, where);
        Instant up = start.minusSeconds(rng.between(5, 25));
        Instant down = end.plusSeconds(rng.between(60, 1800));
        out.add(new VpnConnection(up, p, true, laptop.ip(), laptop.city(), 0));
        out.add(new VpnConnection(down, p, false, laptop.ip(), laptop.city(),
                down.getEpochSecond() - up.getEpochSecond()));
    }

    /**
     * Where {@code p}'s company laptop itself is, as a VPN gateway or a cloud proxy its agent
     * connects to sees it: for every fraudulent hire that is the farm, whose facilitator keeps it
     * online, wherever the operator signs in from; for a worker whose sign-ins leave through the
     * corporate VPN, their home; else where the worker is.
     */
    private static Whereabouts laptopWhereabouts(Person p, Whereabouts where) {
        if (p.fraud() && p.facilitator != null) {
            Facilitator f = p.facilitator;
            return new Whereabouts(f.farmIp, f.farmNetwork, f.city, where.zone(), where.managed());
        }
        if (where.network().kind() == Network.Kind.CORPORATE_VPN) {
            return new Whereabouts(p.homeIp, p.homeNetwork, p.homeCity, where.zone(), where.managed());
        }
        return where;
    }

    /**
     * A mailbox set to forward its mail. The fired extortionist forwards everything to the personal
     * address HR holds for them in their first week, keeping no copy: the company's mail keeps
     * reaching them after they are let go. A few genuine workers forward to their team's shared
     * mailbox before leave, inside the company: the near miss.
     */
    private void mailForward(Person p, LocalDate hrDay, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("mail-forward"), p.index, hrDay.toEpochDay());
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        Instant t = start.plusSeconds(rng.nextInt((int) span));
        if (p.persona == Persona.FIRED_EXTORTIONIST) {
            if (workdaysSinceHire(p, hrDay) == 3 && p.personalEmail != null) {
                out.add(new MailForward(t, p, where.ip(), p.personalEmail, false, false, null, rng.uuid().toString()));
            }
            return;
        }
        if (p.fraud()) {
            return;
        }
        Rng plan = Rng.of(world.seed, Rng.key("mail-forward-plan"), p.index);
        if (plan.chance(0.03) && hrDay.equals(firstDay.plusDays(plan.nextInt(Math.max(1, days))))) {
            String team = "team-" + p.department.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "@" + World.DOMAIN;
            out.add(new MailForward(t, p, where.ip(), team, true, true, "Forward to the team while on leave",
                    rng.uuid().toString()));
        }
    }

    /** Client companies whose people genuine workers share a document with now and then. */
    private static final String[] CLIENT_DOMAINS = {"harborline-logistics.com", "bluefinch-analytics.com",
        "pinecrest-health.org", "tallgrass-energy.com"};
    private static final String[] CLIENT_CONTACTS = {"maria.lopez", "james.oconnor", "lena.fischer", "procurement"};

    /**
     * SharePoint files shared outside the company. The stolen identity's operator, in the second
     * week, shares a few dozen of every department's documents with the personal address HR holds
     * for the hire (the operator's own mailbox), where they can be read and copied without a
     * download the company would see; the farm's other hires (but the IP-KVM one, whose laptop
     * its keeper works) share a few of theirs with the same mailbox, that of the farm's first hire,
     * on their fourth working day. A genuine worker in about twenty-five shares one to three
     * documents once: with a client, with their own personal address, or by a link anyone can open.
     */
    private void shareOutside(Person p, LocalDate hrDay, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("share-outside"), p.index, hrDay.toEpochDay());
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        if (p.persona == Persona.STOLEN_IDENTITY_FARM) {
            if (workdaysSinceHire(p, hrDay) != 6 || p.personalEmail == null) {
                return;
            }
            Instant first = start.plusSeconds(rng.between(600, 3600));
            Instant t = first;
            int files = rng.between(24, 36);
            for (int i = 0; i < files; i++) {
                if (i > 0) {
                    t = t.plusSeconds(rng.between(20, 90));
                }
                Catalog.Department d = Catalog.DEPARTMENTS.get(i % Catalog.DEPARTMENTS.size());
                out.add(new FileShare(t, p, where.ip(), site(d.name()), "Shared Documents/" + d.name(),
                        d.name() + " " + DOCUMENTS[i % DOCUMENTS.length] + " " + (600 + i) + "."
                                + EXTENSIONS[i % EXTENSIONS.length], p.personalEmail, rng.uuid().toString()));
            }
            truth.mark(p, Step.FIRST_EXFILTRATION, first, officeLog(), (google() ? "Drive change_user_access x"
                    : "AddedToSecureLink x") + files + " to the personal address on file");
            return;
        }
        var farm = p.facilitator;
        if (p.fraud() && farm != null && farm.gitIdentity != null && farm.gitIdentity != p
                && p.persona != Persona.IPKVM_FACILITATOR && farm.gitIdentity.personalEmail != null) {
            // the farm's operators collect every hire's documents in the one mailbox they set up first
            if (workdaysSinceHire(p, hrDay) == 4) {
                Instant t = start.plusSeconds(rng.between(600, 3600));
                int files = rng.between(4, 8);
                for (int i = 0; i < files; i++) {
                    t = t.plusSeconds(rng.between(20, 90));
                    String name = p.department + " " + DOCUMENTS[i % DOCUMENTS.length] + " "
                            + (700 + 10 * (p.index % 30) + i) + "." + EXTENSIONS[i % EXTENSIONS.length];
                    out.add(new FileShare(t, p, where.ip(), site(p.department), "Shared Documents", name,
                            farm.gitIdentity.personalEmail, rng.uuid().toString()));
                }
            }
            return;
        }
        if (!p.noise.contains(Noise.SHARES_OUTSIDE)) {
            return;
        }
        Rng plan = Rng.of(world.seed, Rng.key("share-outside-plan"), p.index);
        if (!hrDay.equals(firstDay.plusDays(plan.nextInt(Math.max(1, days))))) {
            return;
        }
        int kind = plan.nextInt(3);
        String target = switch (kind) {
            case 0 -> plan.pick(CLIENT_CONTACTS) + "@" + plan.pick(CLIENT_DOMAINS);
            case 1 -> p.personalEmail;
            default -> null;
        };
        int files = rng.between(1, 3);
        for (int i = 0; i < files; i++) {
            Instant t = start.plusSeconds(rng.nextInt((int) span));
            out.add(new FileShare(t, p, where.ip(), site(p.department), "Shared Documents",
                    p.department + " " + rng.pick(DOCUMENTS) + " " + rng.between(1, 40) + "." + rng.pick(EXTENSIONS),
                    target, rng.uuid().toString()));
        }
    }

    private boolean google() {
        return office == SimConfig.Office.GOOGLE;
    }

    /** The output folder of the office suite's audit log. */
    private String officeLog() {
        return google() ? "google" : "m365";
    }

    /** The company's SharePoint sites, one per department. */
    private static String site(String department) {
        return "https://" + World.DOMAIN.substring(0, World.DOMAIN.indexOf('.')) + ".sharepoint.com/sites/"
                + department.replaceAll("[^A-Za-z]", "");
    }

    private static final String[] DOCUMENTS = {"Plan", "Roadmap", "Budget", "Review", "Notes", "Handbook",
        "Runbook", "Design", "Pricing", "Contacts", "Forecast", "Onboarding"};
    private static final String[] EXTENSIONS = {"docx", "xlsx", "pptx", "pdf"};

    /**
     * Documents downloaded from SharePoint: most workers open a few of their department's files on
     * some days. The fast exfiltrator's OneDrive client syncs whole libraries of every department in
     * their first days, as it takes the code.
     */
    private void sharePoint(Person p, LocalDate day, LocalDate hrDay, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("sharepoint"), p.index, day.toEpochDay());
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        long workday = p.persona == Persona.FAST_EXFILTRATOR ? workdaysSinceHire(p, hrDay) : -1;
        if (workday >= 1 && workday <= 2) {
            Instant t = start.plusSeconds(rng.between(900, 3600));
            int files = rng.between(180, 260);
            for (int i = 0; i < files; i++) {
                t = t.plusSeconds(rng.between(1, 8));
                Catalog.Department d = Catalog.DEPARTMENTS.get(i % Catalog.DEPARTMENTS.size());
                out.add(new FileDownload(t, p, where.ip(), site(d.name()), "Shared Documents/" + d.name(),
                        d.name() + " " + DOCUMENTS[i % DOCUMENTS.length] + " " + (workday * 1000 + i) + "."
                                + EXTENSIONS[i % EXTENSIONS.length], true, rng.uuid().toString()));
            }
            truth.mark(p, Step.FIRST_EXFILTRATION, t, officeLog(), google() ? "Drive download x" + files
                    : "FileSyncDownloadedFull x" + files);
            return;
        }
        if (!rng.chance(0.3)) {
            return;
        }
        int files = rng.between(1, 6);
        for (int i = 0; i < files; i++) {
            Instant t = start.plusSeconds(rng.nextInt((int) span));
            out.add(new FileDownload(t, p, where.ip(), site(p.department), "Shared Documents",
                    p.department + " " + rng.pick(DOCUMENTS) + " " + rng.between(1, 40) + "." + rng.pick(EXTENSIONS),
                    rng.chance(0.2), rng.uuid().toString()));
        }
    }

    /**
     * The corporate VPN asks Duo for a push when the day's work starts. A genuine worker's phone
     * is where they are. An operator's own phone is with them abroad on most days (on the others
     * it is on the same VPN as the computer); a laptop farm's facilitator approves on one phone
     * for every worker of the farm.
     */
    private void vpnPush(Person p, LocalDate day, Whereabouts where, Instant start, List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("duo-push"), p.index, day.toEpochDay());
        Instant t = start.minusSeconds(rng.between(30, 240));
        String phoneKey = "DP" + Rng.of(world.seed, Rng.key("duo-phone"), p.index).alnum(18).toUpperCase(Locale.ROOT);
        String phoneName = p.mfaDeviceName + " (" + lastDigits(p.phone) + ")";
        String phoneIp = where.ip();
        City phonePlace = where.city();
        if (p.persona == Persona.SYNTHETIC_SHARED || p.persona == Persona.IPKVM_FACILITATOR) {
            var f = p.facilitator;
            phoneKey = "DP" + Rng.of(world.seed, Rng.key("duo-farm-phone"), f.id.hashCode()).alnum(18)
                    .toUpperCase(Locale.ROOT);
            phoneName = "iPhone 13 (" + f.id.replaceAll("[^0-9]", "") + ")";
            phoneIp = f.farmIp;
            phonePlace = f.city;
        } else if (p.fraud() && rng.chance(0.7)) {
            City base = Geo.OPERATOR_BASES.get(Math.floorMod(p.index, 3));
            Network mobile = Internet.FOREIGN_RESIDENTIAL.get(base.country());
            phoneIp = mobile.address(rng.nextLong());
            phonePlace = base;
        }
        boolean denied = rng.chance(0.02);
        out.add(new DuoPush(t, p, where.ip(), where.network(), where.city(), phoneKey, phoneName, phoneIp,
                phonePlace, !denied, rng.uuid().toString()));
    }

    /** "555-0101" from a phone number as HR keeps it: Duo shows the number's end. */
    private static String lastDigits(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        return digits.length() < 7 ? digits : digits.substring(digits.length() - 7, digits.length() - 4) + "-"
                + digits.substring(digits.length() - 4);
    }

    // ---------------------------------------------------------------- where

    private Whereabouts whereabouts(Person p, LocalDate day, Rng rng) {
        if (p.fraud()) {
            return schemeWhereabouts(p, rng);
        }
        City trip = trip(p, day);
        if (trip != null) {
            Network hotel = Internet.business(trip.country());
            return new Whereabouts(hotel.address(rng.nextLong()), hotel, trip, trip.zone(), true);
        }
        if (p.office != null && day.getDayOfWeek().getValue() >= 2 && day.getDayOfWeek().getValue() <= 4) {
            Network egress = Internet.OFFICE_EGRESS.get(Geo.OFFICES.indexOf(p.office));
            return new Whereabouts(egress.address(p.index % 6), egress, p.office, p.workZone, true);
        }
        if (p.noise.contains(Noise.CORPORATE_VPN)) {
            return new Whereabouts(Internet.CORPORATE_VPN.address(p.index % 14), Internet.CORPORATE_VPN,
                    Geo.OFFICES.get(0), p.workZone, true);
        }
        if (p.previousHome != null && day.isBefore(p.movedOn)) {
            Network old = Internet.residential("US", p.index);
            return new Whereabouts(old.address(Rng.key("home") ^ p.index), old, cityOf(p.previousHome.city()),
                    p.workZone, true);
        }
        return new Whereabouts(p.homeIp, p.homeNetwork, p.homeCity, p.workZone, true);
    }

    private static City cityOf(String name) {
        return Geo.US_HOMES.stream().filter(c -> c.name().equals(name)).findFirst().orElse(Geo.US_HOMES.get(0));
    }

    /** A business traveller's destination on {@code day}, or null when at home. */
    City trip(Person p, LocalDate day) {
        if (!p.noise.contains(Noise.BUSINESS_TRAVELLER)) {
            return null;
        }
        Rng trips = Rng.of(world.seed, Rng.key("trips"), p.index);
        int count = 1 + trips.nextInt(2);
        for (int t = 0; t < count; t++) {
            LocalDate from = firstDay.plusDays(trips.nextInt(Math.max(1, days)));
            int length = trips.between(2, 6);
            City to = trips.pick(Geo.TRAVEL);
            if (!day.isBefore(from) && day.isBefore(from.plusDays(length)) && !to.name().equals(p.homeCity.name())) {
                return to;
            }
        }
        return null;
    }

    private Whereabouts schemeWhereabouts(Person p, Rng rng) {
        var f = p.facilitator;
        return switch (p.persona) {
            case STOLEN_IDENTITY_FARM, FAST_EXFILTRATOR, FIRED_EXTORTIONIST -> new Whereabouts(f.vpnExitIp,
                    f.vpnNetwork, Geo.VPN_EXITS.get(Math.floorMod(f.vpnExitIp.hashCode(), Geo.VPN_EXITS.size())),
                    p.workZone, true);
            case SYNTHETIC_SHARED, IPKVM_FACILITATOR -> new Whereabouts(f.farmIp, f.farmNetwork, f.city, p.workZone,
                    true);
        };
    }

    // ---------------------------------------------------------------- sign-ins

    private void signIns(Person p, Rng rng, Whereabouts where, Instant start, Instant end, List<Activity> out) {
        String ua = userAgent(p, rng);
        Instant t = start;
        if (rng.chance(0.06)) {
            out.add(signIn(p, rng, Idp.OKTA, "Okta Dashboard", where, ua, t.minusSeconds(rng.between(20, 90)), false,
                    rng.chance(0.7) ? "INVALID_CREDENTIALS" : "MFA_DENIED"));
        }
        out.add(signIn(p, rng, Idp.OKTA, "Okta Dashboard", where, ua, t, true, null));
        out.add(signIn(p, rng, Idp.ENTRA, rng.pick("Office 365 Exchange Online", "Microsoft Teams",
                "OfficeHome"), where, ua, t.plusSeconds(rng.between(60, 900)), true, null));
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        if (rng.chance(0.4)) {
            out.add(signIn(p, rng, Idp.OKTA, rng.pick("Salesforce", "Atlassian Cloud", "Workday", "GitHub Enterprise"),
                    where, ua, start.plusSeconds(span / 3 + rng.nextInt((int) Math.max(1, span / 2))), true, null));
        }
    }

    private SignIn signIn(Person p, Rng rng, Idp idp, String app, Whereabouts where, String ua, Instant t,
            boolean success, String failure) {
        return new SignIn(t, p, idp, app, where.ip(), where.network(), where.city(), ua, success, failure,
                rng.uuid().toString(), idp == Idp.OKTA ? "102" + rng.alnum(22) : rng.uuid().toString(),
                where.managed());
    }

    private static String userAgent(Person p, Rng rng) {
        if (p.laptop.windows()) {
            return rng.chance(0.75) ? CHROME_WIN : EDGE_WIN;
        }
        return rng.chance(0.6) ? CHROME_MAC : SAFARI_MAC;
    }

    // ---------------------------------------------------------------- endpoint

    private void endpoint(Person p, Rng rng, Instant start, Instant end, List<Activity> out) {
        Host h = p.laptop;
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        int procs = rng.between(3, 7);
        for (int i = 0; i < procs; i++) {
            Instant t = i == 0 ? start.plusSeconds(rng.between(20, 120)) : start.plusSeconds(rng.nextInt((int) span));
            out.add(process(p, rng, t, app(p, rng)));
        }
        int flows = rng.between(3, 7);
        for (int i = 0; i < flows; i++) {
            Instant t = start.plusSeconds(rng.nextInt((int) span));
            String domain = rng.pick(Catalog.SAAS_DOMAINS);
            String image = h.windows() ? BROWSER : null;
            out.add(flow(p, rng, t, image, domain, saasIp(domain), 443, "ssl", rng.between(2_000, 400_000),
                    rng.between(10_000, 4_000_000), rng.nextDouble() * 120, null, null, null));
        }
        if (rng.chance(0.15)) {
            Instant t = start.plusSeconds(rng.nextInt((int) span));
            out.add(flow(p, rng, t, h.windows() ? "C:\\Windows\\System32\\svchost.exe" : null,
                    "ctldl.windowsupdate.com", "23.62.7.160", 80, "http", 310, 4_900, 0.08, "GET",
                    "/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab?" + rng.hex(16),
                    "Microsoft-CryptoAPI/10.0"));
        }
        if (p.itSupport) {
            RemoteTool tool = Catalog.APPROVED_SUPPORT;
            int sessions = rng.between(1, 4);
            for (int i = 0; i < sessions; i++) {
                Instant t = start.plusSeconds(rng.nextInt((int) span));
                out.add(process(p, rng, t, toolApp(tool, p)));
                out.add(flow(p, rng, t.plusSeconds(2), h.windows() ? tool.windowsImage() : null, tool.relayDomain(),
                        SUPPORT_SERVER, tool.port(), "ssl", rng.between(50_000, 2_000_000),
                        rng.between(1_000_000, 60_000_000), rng.between(300, 2400), null, null, null));
            }
        }
        if (rng.chance(0.01)) {
            out.add(new ProgramChange(start.plusSeconds(rng.nextInt((int) span)), h, "Zoom Workplace",
                    "6.3." + rng.nextInt(9) + "." + rng.between(1000, 60000), "Zoom Video Communications, Inc.",
                    h.windows() ? "C:\\Users\\" + p.username + "\\AppData\\Roaming\\Zoom\\bin" : "/Applications/zoom.us.app",
                    true));
        }
    }

    private static String[] app(Person p, Rng rng) {
        if (p.laptop.windows()) {
            return p.engineer && rng.chance(0.5) ? rng.pick(Catalog.WINDOWS_DEV_APPS) : rng.pick(Catalog.WINDOWS_APPS);
        }
        String path = p.engineer && rng.chance(0.5) ? rng.pick(Catalog.MAC_DEV_APPS) : rng.pick(Catalog.MAC_APPS);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new String[] {path, name, "", name};
    }

    private static String[] toolApp(RemoteTool tool, Person p) {
        return new String[] {p.laptop.windows() ? tool.windowsImage() : tool.macImage(), tool.description(),
            tool.company(), tool.name()};
    }

    private ProcessStart process(Person p, Rng rng, Instant t, String[] app) {
        Host h = p.laptop;
        String image = app[0].replace("%USER%", p.username);
        String file = image.substring(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
        String parent = h.windows() ? "C:\\Windows\\explorer.exe" : "/sbin/launchd";
        String cmd = image.contains(" ") ? "\"" + image + "\"" : image;
        if (file.equalsIgnoreCase("git.exe") || file.equals("git")) {
            String repo = p.repos.isEmpty() ? "docs-api" : rng.pick(p.repos);
            cmd = cmd + " " + rng.pick("fetch origin", "pull --rebase", "status", "push origin HEAD")
                    + (rng.chance(0.2) ? " " + repo : "");
            parent = h.windows() ? Catalog.WINDOWS_DEV_APPS.get(0)[0].replace("%USER%", p.username)
                    : Catalog.MAC_DEV_APPS.get(0);
        }
        return new ProcessStart(t, h, p, image, cmd, parent, h.windows() ? "C:\\Windows\\Explorer.EXE" : parent,
                rng.between(1000, 40000), h.windows() ? 4000 + p.index % 900 : 1, app[1], app[2], app[3],
                file, sha256(image), "{" + rng.uuid().toString().toUpperCase(Locale.ROOT) + "}");
    }

    private NetFlow flow(Person p, Rng rng, Instant t, String image, String domain, String ip, int port,
            String service, long out, long in, double duration, String method, String uri, String ua) {
        return new NetFlow(t, p.laptop, p, image, domain, ip, port, "tcp", service, duration, out, in, method, uri,
                ua, "C" + rng.alnum(17), rng.between(49152, 65535), laptopIp);
    }

    private static String saasIp(String domain) {
        int h = Math.floorMod(domain.hashCode(), 200);
        return switch (domain) {
            case "github.com", "api.github.com" -> "140.82.112." + (3 + h % 10);
            default -> Internet.HOSTING.get(2).address(h);
        };
    }

    static String sha256(String image) {
        return SHA256.computeIfAbsent(image, i -> {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(i.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().withUpperCase().formatHex(d);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ---------------------------------------------------------------- code

    private void git(Person p, LocalDate day, Rng rng, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        int fetches = rng.between(1, 4);
        for (int i = 0; i < fetches && !p.repos.isEmpty(); i++) {
            out.add(git(p, rng, start.plusSeconds(rng.nextInt((int) span)), "git.fetch", rng.pick(p.repos), where));
        }
        int pushes = rng.nextInt(3);
        for (int i = 0; i < pushes && !p.repos.isEmpty(); i++) {
            out.add(git(p, rng, start.plusSeconds(rng.nextInt((int) span)), "git.push", rng.pick(p.repos), where));
        }
        long workday = workdaysSinceHire(p, day);
        if (p.noise.contains(Noise.NEW_HIRE_BULK_CLONE) && workday >= 0 && workday < 3) {
            // Setting up: the team's repositories and a few shared ones, spread over the first days.
            int clones = rng.between(8, 16);
            Instant t = start.plusSeconds(rng.between(1800, 7200));
            for (int i = 0; i < clones; i++) {
                t = t.plusSeconds(rng.between(20, 900));
                out.add(git(p, rng, t, "git.clone", rng.pick(world.repos).name(), where));
            }
        }
    }

    private GitAction git(Person p, Rng rng, Instant t, String action, String repo, Whereabouts where) {
        // Commits are written where the work is done: the laptop (on a trip, on the trip's clock), or a
        // scheme operator's own machine; the IP-KVM operator works the laptop itself, on its US clock.
        ZoneId clock = p.persona == Persona.IPKVM_FACILITATOR ? p.timeZone : where.zone();
        return new GitAction(t, p, action, repo, where.ip(), where.network().country(), GIT_UA, rng.alnum(22), clock);
    }

    /**
     * A Korean or Chinese input language on the laptop, on every day its user works (each writer
     * records it once): an operator adds it in the first minutes of the first working day; a genuine
     * writer of the language had it before the logs begin.
     */
    private void inputLanguage(Person p, LocalDate hrDay, Instant start, List<Activity> out) {
        if (p.inputLanguage == null || p.laptop == null) {
            return;
        }
        boolean added = p.fraud() && workdaysSinceHire(p, hrDay) == 0;
        Instant t = added
                ? start.plusSeconds(Rng.of(world.seed, Rng.key("input-language-added"), p.index).between(600, 2400))
                : start;
        out.add(new InputLanguageSetting(t, p.laptop, p, p.inputLanguage, added));
    }

    /**
     * A voice changer on the laptop. The synthetic identity's operator (camera off at the interview)
     * installs it in the first hour of the first working day and runs it for the day's calls on most
     * days; a genuine worker who uses one for games or streaming installs it on a day of the period
     * and runs it now and then at the end of the day. Streams of their own.
     */
    private boolean voiceChanger(Person p, LocalDate hrDay, Instant start, Instant end, List<Activity> out) {
        boolean operator = p.persona == Persona.SYNTHETIC_SHARED;
        if (p.laptop == null || !operator && !p.noise.contains(Noise.VOICE_CHANGER_USER)) {
            return false;
        }
        Rng rng = Rng.of(world.seed, Rng.key("voice-changer"), p.index, hrDay.toEpochDay());
        boolean installDay;
        Instant t;
        if (operator) {
            installDay = workdaysSinceHire(p, hrDay) == 0;
            if (!installDay && !rng.chance(0.6)) {
                return false;
            }
            t = start.plusSeconds(rng.between(900, 3600));
        } else {
            LocalDate install = firstDay.plusDays(Rng.of(world.seed, Rng.key("voice-changer-plan"), p.index)
                    .nextInt(Math.max(1, days)));
            if (install.isBefore(p.hireDate)) {
                install = p.hireDate;
            }
            while (install.getDayOfWeek().getValue() > 5) {
                install = install.plusDays(1); // a working day: the laptop is on
            }
            installDay = hrDay.equals(install);
            if (hrDay.isBefore(install) || !installDay && !rng.chance(0.25)) {
                return false;
            }
            t = end.minusSeconds(rng.between(600, 3600));
        }
        Catalog.Software app = Catalog.VOICE_CHANGER;
        boolean windows = p.laptop.windows();
        if (installDay) {
            out.add(new ProgramChange(t.minusSeconds(rng.between(120, 600)), p.laptop, app.name(), app.version(),
                    app.company(), app.location(windows), true));
        }
        out.add(process(p, rng, t, new String[] {windows ? app.windowsImage() : app.macImage(), app.description(),
            app.company(), app.name()}));
        return operator; // a gamer's runs are at the end of the day, after the calls
    }

    private static final String[] MEETINGS = {"Sprint planning", "Design review", "Roadmap review",
        "Backlog grooming", "Customer call", "Retro"};

    /**
     * The day's video meetings: each team (a manager and the people reporting to them, about ten)
     * holds up to three (a stand-up and two others) on weekdays at US office hours, the same meeting
     * id, topic and time for everyone in it; a worker joins their team's, and a manager also the
     * team they lead, inside their working day from the company laptop where it is, with its own
     * camera and microphone. An operator joins every one, whatever their own hour, driving the laptop from afar
     * with the camera off, and the synthetic identity's speaks through the voice changer it runs that
     * day; a farm's operators (not the IP-KVM hire's) join about a third of the other meetings from
     * their own machine instead, one computer for all of the farm's hires. Streams of their own.
     */
    private void meetings(Person p, LocalDate day, Whereabouts where, Instant start, Instant end,
            boolean voiceChangerOn, List<Activity> out) {
        if (p.laptop == null || p.department == null || day.getDayOfWeek().getValue() > 5) {
            return; // no department meets at the weekend, though an operator's Monday starts on the US Sunday
        }
        Rng rng = Rng.of(world.seed, Rng.key("meetings"), p.index, day.toEpochDay());
        Whereabouts laptop = null;
        List<String> teams = new ArrayList<>(2);
        if (p.managerId != null && !p.managerId.equals(p.id)) {
            teams.add(p.managerId); // the team they are in, named by its manager
        }
        if (reports.getOrDefault(p.id, 0) > 0) {
            teams.add(p.id); // the team they lead
        }
        for (int slot = 0; slot < 3 * teams.size(); slot++) {
            String team = teams.get(slot / 3);
            Rng meeting = Rng.of(world.seed, Rng.key("meeting"), team.hashCode(), day.toEpochDay(), slot % 3);
            if (slot % 3 > 0 && !meeting.chance(0.5)) {
                continue;
            }
            Instant at = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    .plusSeconds(14 * 3600 + slot % 3 * 7200 + meeting.nextInt(3600));
            boolean attends = p.fraud() || !at.isBefore(start) && at.isBefore(end) && rng.chance(0.9);
            if (!attends) {
                continue;
            }
            if (laptop == null) {
                laptop = laptopWhereabouts(p, where);
            }
            boolean windows = p.laptop.windows();
            String computer = p.laptop.hostname();
            computer = computer.indexOf('.') > 0 ? computer.substring(0, computer.indexOf('.')) : computer;
            String microphone = voiceChangerOn ? (windows ? "Microphone (Voicemod Virtual Audio Device (WDM))"
                    : "Voicemod Virtual Audio Device") : windows ? "Microphone Array (Realtek(R) Audio)"
                            : "MacBook Pro Microphone";
            Whereabouts from = laptop;
            if (p.fraud() && p.persona != Persona.IPKVM_FACILITATOR && p.facilitator != null && !voiceChangerOn
                    && rng.chance(0.33)) {
                computer = operatorsMachine(p.facilitator);
                windows = true;
                microphone = "Headset Microphone (HyperX Cloud II Wireless)";
                from = where;
            }
            String camera = p.fraud() ? "" : p.index % 5 == 0 ? "Logitech BRIO" : windows ? "Integrated Webcam"
                    : "FaceTime HD Camera";
            String topic = slot % 3 == 0 ? p.department + " stand-up" : meeting.pick(MEETINGS);
            long id = 81_000_000_000L + meeting.nextInt(900_000_000);
            Instant joined = at.plusSeconds(rng.between(0, 180));
            out.add(new MeetingJoin(joined, at.plusSeconds(meeting.between(900, 3600) + rng.between(0, 120)), p,
                    from.ip(), from.city(), computer, from == laptop, windows, microphone, camera, topic, id));
        }
    }

    /** The Windows name of the machine a farm's operators run their hires' calls from: one per farm. */
    private String operatorsMachine(Facilitator farm) {
        return "DESKTOP-" + Rng.of(world.seed, Rng.key("operators' machine"), farm.id.hashCode()).alnum(7)
                .toUpperCase(java.util.Locale.ROOT);
    }

    private long workdaysSinceHire(Person p, LocalDate day) {
        long n = 0;
        for (LocalDate d = p.hireDate; d.isBefore(day); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                n++;
            }
        }
        return day.isBefore(p.hireDate) ? -1 : n;
    }

    // ---------------------------------------------------------------- devices

    private void usb(Person p, Rng rng, Instant start, Instant end, List<Activity> out) {
        Instant t = start.plusSeconds(Math.min(3 * 3600, Math.max(60, (end.getEpochSecond() - start.getEpochSecond()) / 2)));
        List<UsbDevice> devices = new ArrayList<>(4);
        devices.add(ROOT_HUB);
        if (p.index % 3 != 0) {
            devices.add(RECEIVER);
        }
        if (p.engineer || p.itSupport || p.index % 5 == 0) {
            devices.add(YUBIKEY);
        }
        if (p.index % 4 == 1) {
            devices.add(WEBCAM);
        }
        if (p.office != null && p.index % 2 == 0) {
            devices.add(DOCK);
        }
        if (p.persona == Persona.IPKVM_FACILITATOR) {
            devices.add(PIKVM);
            truth.mark(p, Step.FIRST_REMOTE_CONTROL, t, "osquery", "usb_devices 1d6b:0104 " + PIKVM.vendor());
        }
        out.add(new UsbInventory(t, p.laptop, List.copyOf(devices)));
    }

    /**
     * The EDR's daily monitor inventory on a Windows laptop, taken early in the working day: the
     * built-in panel and the monitors on the desk (two of the office's on office days). The IP-KVM
     * persona's laptop sits closed on a shelf at the facilitator's house with its HDMI output in
     * the PiKVM, so the KVM's display is all it shows; the laptops driven by remote-access tools
     * show their panel only. A developer with a Raspberry Pi rig (noise) shows its Linux display
     * on some days.
     */
    private void monitors(Person p, LocalDate day, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        if (!p.laptop.windows()) {
            return; // WMI is Windows'
        }
        Rng rng = Rng.of(world.seed, Rng.key("monitor-inventory"), p.index, day.toEpochDay());
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        Instant t = start.plusSeconds(rng.nextInt((int) Math.min(span, 5400)));
        // Redrawn from the person's own stream each day (the same every day), so nothing grows with the population.
        List<Monitor> desk = desk(p);
        List<Monitor> shown = new ArrayList<>(3);
        if (p.persona == Persona.IPKVM_FACILITATOR) {
            Catalog.Display kvm = Catalog.PIKVM_DISPLAY;
            shown.add(new Monitor(kvm.maker(), kvm.productCode(), kvm.name(), "", 0, 2019, 4352));
            truth.mark(p, Step.FIRST_REMOTE_CONTROL, t, "wmi", "WmiMonitorID display " + kvm.name() + " by "
                    + kvm.maker());
        } else if (p.fraud()) {
            shown.add(desk.get(0));
        } else if (p.office != null && where.city() == p.office) {
            shown.add(desk.get(0));
            Rng office = Rng.of(world.seed, Rng.key("office-monitors"), p.index);
            for (int i = 0; i < 2; i++) {
                Catalog.Display d = Catalog.OFFICE_MONITOR;
                shown.add(new Monitor(d.maker(), d.productCode(), d.name(), "CN0" + office.alnum(6)
                        .toUpperCase(Locale.ROOT), office.between(1, 53), 2022, 4352 + i));
            }
        } else {
            shown.addAll(desk);
        }
        if (p.noise.contains(Noise.RASPBERRY_PI_DISPLAY) && rng.chance(0.3)) {
            Catalog.Display pi = Catalog.LINUX_FHD;
            shown.add(new Monitor(pi.maker(), pi.productCode(), pi.name(), "", 5, 2012, 4352 + shown.size()));
        }
        out.add(new MonitorInventory(t, p.laptop, shown));
    }

    /** The built-in panel, then none, one or two home monitors: the same every day. */
    private List<Monitor> desk(Person p) {
        Rng rng = Rng.of(world.seed, Rng.key("monitor-setup"), p.index);
        List<Monitor> desk = new ArrayList<>(3);
        Catalog.Display panel = rng.pick(Catalog.PANELS);
        desk.add(new Monitor(panel.maker(), panel.productCode(), null, "0", rng.between(1, 53), rng.between(2022, 2025),
                8388688));
        double r = rng.nextDouble();
        int external = r < 0.15 ? 0 : r < 0.75 ? 1 : 2;
        for (int i = 0; i < external; i++) {
            Catalog.Display d = rng.pick(Catalog.MONITORS);
            desk.add(new Monitor(d.maker(), d.productCode(), d.name(), rng.alnum(i == 0 ? 7 : 10)
                    .toUpperCase(Locale.ROOT), rng.between(1, 53), rng.between(2019, 2025), 4352 + i));
        }
        return List.copyOf(desk);
    }

    /**
     * Remote Desktop into a Windows laptop, which logs the client's time zone. The operators of
     * laptops at a farm connect with their own clocks (UTC+9 or +8): the fast exfiltrator, who runs
     * no remote-access tool, every working day; the others on some days besides their tool. IT
     * staff (noise) connect to colleagues' laptops to help, from a US clock a few hours at most from
     * the colleague's declared zone.
     */
    private void remoteDesktop(Person p, LocalDate day, LocalDate hrDay, Whereabouts where, Instant start,
            Instant end, List<Activity> out) {
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        if (p.fraud() && p.laptop.windows() && p.persona != Persona.IPKVM_FACILITATOR) {
            Rng rng = Rng.of(world.seed, Rng.key("rdp"), p.index, day.toEpochDay());
            if (!rng.chance(p.persona == Persona.FAST_EXFILTRATOR ? 1.0 : 0.4)) {
                return;
            }
            Instant t = start.plusSeconds(rng.between(10, 240));
            int sessions = rng.chance(0.4) ? 2 : 1;
            for (int i = 0; i < sessions; i++) {
                int offset = offsetMinutes(p.workZone, t);
                // the operator reaches the laptop from where they sign in from; from the farm's own line the
                // laptop sees the keeper's computer on its network, not the line's public address
                String client = where.ip().equals(laptopWhereabouts(p, where).ip())
                        ? LocalNetwork.otherComputer(where.ip()) : where.ip();
                out.add(new RdpConnection(t, p.laptop, offset, guid(rng), p, client));
                truth.mark(p, Step.FIRST_REMOTE_CONTROL, t, "windows", "RdpCoreTS 104 client time zone "
                        + utc(offset));
                t = t.plusSeconds(span / 3 + rng.nextInt((int) Math.max(1, span / 3)));
            }
        } else if (p.itSupport && p.homeCity.country().equals("US") && where.zone().equals(p.workZone)) {
            Rng rng = Rng.of(world.seed, Rng.key("rdp-support"), p.index, day.toEpochDay());
            if (!rng.chance(0.4)) {
                return;
            }
            Instant t = start.plusSeconds(rng.nextInt((int) span));
            int own = offsetMinutes(p.workZone, t);
            for (int attempt = 0; attempt < 30; attempt++) {
                Person c = world.people.get(rng.nextInt(world.people.size()));
                if (c != p && !c.fraud() && c.laptop.windows() && c.employedOn(hrDay)
                        && Math.abs(offsetMinutes(c.timeZone, t) - own) <= 180) {
                    // IT reaches a colleague's laptop over the company VPN, from its own laptop's address there
                    out.add(new RdpConnection(t, c.laptop, own, guid(rng), p, p.laptop.internalIp()));
                    return;
                }
            }
        }
    }

    private static int offsetMinutes(ZoneId zone, Instant t) {
        return zone.getRules().getOffset(t).getTotalSeconds() / 60;
    }

    private static String utc(int minutes) {
        return "UTC" + (minutes < 0 ? "-" : "+") + Math.abs(minutes) / 60
                + (minutes % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", Math.abs(minutes) % 60));
    }

    private static String guid(Rng rng) {
        return rng.uuid().toString().toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- the scheme

    private void scheme(Person p, LocalDate day, Rng rng, Whereabouts where, Instant start, Instant end,
            List<Activity> out) {
        long span = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
        long workday = workdaysSinceHire(p, day);
        // Now and then the operator signs in from their own machine without the VPN: the leak.
        if (p.persona == Persona.STOLEN_IDENTITY_FARM && rng.chance(0.12)) {
            City base = rng.pick(Geo.OPERATOR_BASES.subList(0, 3));
            Network home = Internet.FOREIGN_RESIDENTIAL.get(base.country());
            Whereabouts leak = new Whereabouts(home.address(rng.nextLong()), home, base, p.workZone, false);
            out.add(signIn(p, rng, Idp.OKTA, "Okta Dashboard", leak, CHROME_WIN,
                    start.plusSeconds(rng.nextInt((int) span)), true, null));
        }
        RemoteTool tool = switch (p.persona) {
            case STOLEN_IDENTITY_FARM -> Catalog.SCHEME_TOOLS.get(0);
            case FIRED_EXTORTIONIST -> Catalog.SCHEME_TOOLS.get(1);
            case SYNTHETIC_SHARED -> Catalog.SCHEME_TOOLS.get(2);
            default -> null;
        };
        if (tool != null) {
            Instant t = start.minusSeconds(rng.between(60, 600));
            if (workday == 0) {
                out.add(new ProgramChange(t.minusSeconds(300), p.laptop, tool.name(), tool.version(), tool.company(),
                        p.laptop.windows() ? tool.windowsImage().replace("%USER%", p.username) : tool.macImage(),
                        true));
            }
            ProcessStart ps = process(p, rng, t, toolApp(tool, p));
            out.add(ps);
            truth.mark(p, Step.FIRST_REMOTE_CONTROL, t, p.laptop.windows() ? "windows" : "osquery",
                    "process " + ps.image());
            out.add(flow(p, rng, t.plusSeconds(3), p.laptop.windows() ? ps.image() : null, tool.relayDomain(),
                    Internet.HOSTING.get(1).address(tool.name().hashCode()), tool.port(), "ssl",
                    rng.between(5_000_000, 80_000_000), rng.between(200_000_000, 900_000_000), span, null, null,
                    null));
        }
        if (p.persona == Persona.FAST_EXFILTRATOR && workday >= 1 && workday <= 3) {
            massClone(p, rng, where, start, out, (int) workday);
        }
        if (p.persona == Persona.FAST_EXFILTRATOR && workday == 4) {
            transferOut(p, where, start, out);
        }
        if (p.persona == Persona.FIRED_EXTORTIONIST && workday >= 2) {
            int clones = rng.between(3, 7);
            Instant t = start.plusSeconds(rng.between(600, 3600));
            for (int i = 0; i < clones; i++) {
                t = t.plusSeconds(rng.between(30, 600));
                Repo r = world.repos.get(Math.floorMod(p.index * 31 + (int) workday * 7 + i, world.repos.size()));
                GitAction g = git(p, rng, t, "git.clone", r.name(), where);
                out.add(g);
                took(p, r);
                truth.mark(p, Step.FIRST_EXFILTRATION, t, "github", "git.clone " + r.name());
            }
        }
    }

    /**
     * After the firing, the operator's GitHub token still works (offboarding disabled the
     * sign-in, not the token): a few more repositories cloned for the extortion. Its own Rng key, so
     * every other draw stays as it was; the mail's archive is left as it was too.
     */
    private void afterTermination(Person p, LocalDate day, List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("after-termination"), p.index);
        Whereabouts where = whereabouts(p, day, rng);
        Instant t = day.atStartOfDay(where.zone()).toInstant().plusSeconds(p.dayStartMinute * 60L
                + rng.between(600, 3600));
        for (int i = 0, n = rng.between(2, 4); i < n; i++) {
            t = t.plusSeconds(rng.between(20, 300));
            Repo r = world.repos.get(Math.floorMod(p.index * 17 + i * 5 + 3, world.repos.size()));
            out.add(git(p, rng, t, "git.clone", r.name(), where));
        }
    }

    /**
     * The operator's day back after the firing, in their own calendar: the second day after it (the
     * first starts while the company's last day is still going on), not a Sunday.
     */
    private static LocalDate returnDay(LocalDate left) {
        LocalDate back = left.plusDays(2);
        return back.getDayOfWeek() == DayOfWeek.SUNDAY ? back.plusDays(1) : back;
    }

    /** Clones a third of the organisation's repositories a day, back to back, and uploads archives. */
    private void massClone(Person p, Rng rng, Whereabouts where, Instant start, List<Activity> out, int workday) {
        int per = (world.repos.size() + 2) / 3;
        Instant t = start.plusSeconds(rng.between(900, 3600));
        if (workday == 1) {
            // A fresh token for the harvest, made in the browser minutes before the first clone (at
            // least 900 s after start). Its own Rng key, so every existing draw stays as it was.
            Rng token = Rng.of(world.seed, Rng.key("exfil-token"), p.index);
            out.add(new GitAction(start.plusSeconds(token.between(120, 840)), p, GitAction.TOKEN_CREATED,
                    "sync-" + token.alnum(6).toLowerCase(java.util.Locale.ROOT), where.ip(),
                    where.network().country(), p.laptop.windows() ? CHROME_WIN : CHROME_MAC, token.alnum(22)));
        }
        for (int i = (workday - 1) * per; i < Math.min(world.repos.size(), workday * per); i++) {
            t = t.plusSeconds(rng.between(4, 40));
            Repo r = world.repos.get(i);
            String action = i % 9 == 4 ? "repo.download_zip" : "git.clone";
            out.add(git(p, rng, t, action, r.name(), where));
            took(p, r);
            truth.mark(p, Step.FIRST_EXFILTRATION, t, "github", action + " " + r.name());
        }
        String cloud = rng.pick(Catalog.PERSONAL_CLOUD);
        out.add(flow(p, rng, t.plusSeconds(rng.between(60, 600)), p.laptop.windows() ? BROWSER : null, cloud,
                Internet.HOSTING.get(0).address(cloud.hashCode()), 443, "ssl", rng.between(400_000_000, 2_000_000_000),
                rng.between(50_000, 500_000), rng.between(600, 3000), null, null, null));
    }

    /**
     * The fast exfiltrator's second way out, the day after the harvest: a repository created in the
     * organisation (its creator is its admin, and members may transfer what they administer by
     * GitHub's default), the harvested code pushed to it, then the repository transferred to the
     * operator's own account. Its own stream, so no earlier draw changes.
     */
    private void transferOut(Person p, Whereabouts where, Instant start, List<Activity> out) {
        Rng rng = Rng.of(world.seed, Rng.key("repo-transfer"), p.index);
        String ua = p.laptop.windows() ? CHROME_WIN : CHROME_MAC;
        String name = rng.pick(world.repos).name() + "-migration";
        Instant created = start.plusSeconds(rng.between(3600, 7200));
        out.add(new RepoChange(created, p, RepoChange.CREATE, name, where.ip(), where.network().country(), ua,
                rng.alnum(22), null));
        out.add(git(p, rng, created.plusSeconds(rng.between(120, 600)), "git.push", name, where));
        Instant moved = created.plusSeconds(rng.between(1200, 2400));
        // the operator's own GitHub account, named like the personal address they gave HR
        String own = p.personalEmail.substring(0, p.personalEmail.indexOf('@')).replace('.', '-');
        out.add(new RepoChange(moved, p, RepoChange.TRANSFER_OUT, name, where.ip(), where.network().country(), ua,
                rng.alnum(22), own));
        truth.mark(p, Step.FIRST_EXFILTRATION, moved, "github", RepoChange.TRANSFER_OUT + " " + name);
    }

    /** The repositories {@code p} has cloned so far, in order (the extortion email's archive draws on them). */
    public List<Repo> taken(Person p) {
        return List.copyOf(taken.getOrDefault(p.id, new java.util.LinkedHashSet<>()));
    }

    private void took(Person p, Repo r) {
        taken.computeIfAbsent(p.id, id -> new java.util.LinkedHashSet<>()).add(r);
    }
}
