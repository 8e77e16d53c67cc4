package dev.unravel.sim.world;

import java.util.List;

/**
 * Fixed facts the simulator draws on: departments, banks, devices, software. Values that a
 * detector might key on (bank routing numbers, USB ids, RMM executables) are the real ones.
 */
public final class Catalog {
    private Catalog() {
    }

    /** Department, share of headcount in percent, job titles. */
    public record Department(String name, int percent, List<String> titles) {
    }

    public static final List<Department> DEPARTMENTS = List.of(
            new Department("Engineering", 40, List.of("Software Engineer", "Senior Software Engineer",
                    "Staff Engineer", "Site Reliability Engineer", "Frontend Engineer", "Data Engineer")),
            new Department("IT", 4, List.of("IT Support Specialist", "Systems Administrator", "IT Manager")),
            new Department("Sales", 15, List.of("Account Executive", "Sales Development Representative",
                    "Sales Engineer", "Regional Sales Director")),
            new Department("Marketing", 8, List.of("Product Marketing Manager", "Content Strategist",
                    "Growth Marketer")),
            new Department("Finance", 6, List.of("Financial Analyst", "Accountant", "Controller")),
            new Department("People", 4, List.of("HR Business Partner", "Recruiter", "People Operations Specialist")),
            new Department("Customer Success", 12, List.of("Customer Success Manager", "Support Engineer",
                    "Implementation Consultant")),
            new Department("Product", 6, List.of("Product Manager", "Senior Product Manager", "Technical Writer")),
            new Department("Design", 5, List.of("Product Designer", "UX Researcher")));

    /** A bank as payroll sees it: name and a real ABA routing number. */
    public record Bank(String name, String routing) {
    }

    public static final List<Bank> BANKS = List.of(
            new Bank("JPMorgan Chase Bank", "021000021"), new Bank("Bank of America", "026009593"),
            new Bank("Wells Fargo Bank", "121000248"), new Bank("Citibank", "021000089"),
            new Bank("U.S. Bank", "091000022"), new Bank("PNC Bank", "043000096"),
            new Bank("Capital One", "051405515"), new Bank("Truist Bank", "061000104"),
            new Bank("TD Bank", "031101266"), new Bank("Navy Federal Credit Union", "256074974"));

    /**
     * Accounts that payout providers (Payoneer, Wise) and neobanks open for anyone online: used
     * legitimately by contractors abroad, and by the scheme.
     */
    public static final List<Bank> PAYOUT_PROVIDERS = List.of(
            new Bank("Community Federal Savings Bank (Payoneer)", "026073150"),
            new Bank("Community Federal Savings Bank (Wise)", "026073008"),
            new Bank("Evolve Bank & Trust", "084106768"),
            new Bank("The Bancorp Bank (Chime)", "031101279"));

    public static final List<String> PHONES = List.of("iPhone 15", "iPhone 14", "iPhone 13", "Pixel 8",
            "Galaxy S24", "Galaxy S23", "iPhone 15 Pro");

    public static final List<String> CARRIERS_MOBILE = List.of("Verizon Wireless", "T-Mobile USA", "AT&T Mobility");
    public static final List<String> CARRIERS_LANDLINE = List.of("Comcast Phone", "Verizon", "CenturyLink");
    /** VoIP carriers as a carrier lookup names them; the scheme favours them. */
    public static final List<String> CARRIERS_VOIP = List.of("Google (Grand Central) - SVR", "Bandwidth.com - SVR",
            "Twilio - SMS/MMS-SVR", "TextNow - SVR");

    /** Software on every Windows laptop: image path, description, company, product. */
    public static final List<String[]> WINDOWS_APPS = List.of(
            new String[] {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Google Chrome",
                "Google LLC", "Google Chrome"},
            new String[] {"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "Microsoft Edge",
                "Microsoft Corporation", "Microsoft Edge"},
            new String[] {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "Microsoft Outlook",
                "Microsoft Corporation", "Microsoft Outlook"},
            new String[] {"C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3314.9290_x64__8wekyb3d8bbwe\\ms-teams.exe",
                "Microsoft Teams", "Microsoft Corporation", "Microsoft Teams"},
            new String[] {"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", "Microsoft Excel",
                "Microsoft Corporation", "Microsoft Office"},
            new String[] {"C:\\Users\\%USER%\\AppData\\Local\\slack\\app-4.41.105\\slack.exe", "Slack",
                "Slack Technologies, LLC.", "Slack"},
            new String[] {"C:\\Users\\%USER%\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe", "Zoom Meetings",
                "Zoom Video Communications, Inc.", "Zoom Meetings"});

    public static final List<String[]> WINDOWS_DEV_APPS = List.of(
            new String[] {"C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
                "Visual Studio Code", "Microsoft Corporation", "Visual Studio Code"},
            new String[] {"C:\\Program Files\\Git\\cmd\\git.exe", "Git for Windows", "The Git Development Community",
                "Git"},
            new String[] {"C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.21.2911.0_x64__8wekyb3d8bbwe\\WindowsTerminal.exe",
                "Windows Terminal", "Microsoft Corporation", "Windows Terminal"},
            new String[] {"C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe", "Docker Desktop", "Docker Inc.",
                "Docker Desktop"});

    public static final List<String> MAC_APPS = List.of(
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Slack.app/Contents/MacOS/Slack",
            "/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook",
            "/Applications/zoom.us.app/Contents/MacOS/zoom.us",
            "/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams");

    public static final List<String> MAC_DEV_APPS = List.of(
            "/Applications/Visual Studio Code.app/Contents/MacOS/Electron",
            "/usr/bin/git",
            "/Applications/iTerm.app/Contents/MacOS/iTerm2");

    /** A remote-access tool as it shows on a laptop: executable, description, company, relay domain, port. */
    public record RemoteTool(String name, String windowsImage, String macImage, String description, String company,
            String relayDomain, int port, String version) {
    }

    /** The approved remote-support tool IT uses. */
    public static final RemoteTool APPROVED_SUPPORT = new RemoteTool("ScreenConnect",
            "C:\\Program Files (x86)\\ScreenConnect Client (2a4f1e8c7b3d9a06)\\ScreenConnect.WindowsClient.exe",
            "/Applications/connectwisecontrol-2a4f1e8c7b3d9a06.app/Contents/MacOS/ScreenConnectClient",
            "ScreenConnect Client", "ConnectWise, LLC", "support.northwindlabs.com", 8041, "24.2.8.9054");

    /** Remote-access tools the scheme uses on laptops at farms (names and domains from the LOLRMM catalogue). */
    public static final List<RemoteTool> SCHEME_TOOLS = List.of(
            new RemoteTool("AnyDesk", "C:\\Users\\%USER%\\Downloads\\AnyDesk.exe",
                    "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", "AnyDesk", "AnyDesk Software GmbH",
                    "relay-4b5f6a1c.net.anydesk.com", 443, "8.1.0"),
            new RemoteTool("RustDesk", "C:\\Program Files\\RustDesk\\rustdesk.exe",
                    "/Applications/RustDesk.app/Contents/MacOS/rustdesk", "RustDesk Remote Desktop",
                    "Purslane Ltd", "rs-ny.rustdesk.com", 21116, "1.3.2"),
            new RemoteTool("Chrome Remote Desktop",
                    "C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\130.0.6723.21\\remoting_host.exe",
                    "/Library/PrivilegedHelperTools/ChromeRemoteDesktopHost.app/Contents/MacOS/remoting_me2me_host",
                    "Host Process for Chrome Remote Desktop", "Google LLC", "remotedesktop-pa.googleapis.com", 443,
                    "130.0.6723.21"));

    /** Software on a laptop as it shows there: its process on Windows and macOS, description, maker, version. */
    public record Software(String name, String windowsImage, String macImage, String description, String company,
            String version) {

        /** Where it is installed on {@code windows} or macOS, as osquery's programs and apps tables say. */
        public String location(boolean windows) {
            return windows ? windowsImage.substring(0, windowsImage.lastIndexOf('\\') + 1)
                    : macImage.substring(0, macImage.indexOf(".app") + 4);
        }
    }

    /** The voice changer the synthetic identity's operator runs for calls, and some genuine workers for games. */
    public static final Software VOICE_CHANGER = new Software("Voicemod",
            "C:\\Program Files\\Voicemod Desktop\\VoicemodDesktop.exe",
            "/Applications/Voicemod.app/Contents/MacOS/Voicemod",
            "Voicemod Desktop", "Voicemod Sociedad Limitada", "3.11.52");

    /** Where SaaS traffic goes: domain, port, service. */
    public static final List<String> SAAS_DOMAINS = List.of("outlook.office365.com", "teams.microsoft.com",
            "northwindlabs.slack.com", "github.com", "www.google.com", "zoom.us", "northwindlabs.okta.com",
            "login.microsoftonline.com", "drive.google.com", "northwindlabs.atlassian.net", "api.github.com",
            "update.googleapis.com");

    /** Personal cloud storage the exfiltration uploads to. */
    public static final List<String> PERSONAL_CLOUD = List.of("mega.nz", "www.dropbox.com", "transfer.sh");

    /** The browsers the laptops run, as their user agents. */
    public static final String CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    public static final String CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /** A display model's EDID identity: PnP maker id, product code, display name (null for none). */
    public record Display(String maker, String productCode, String name) {
    }

    /** External monitors people have at home: real PnP maker ids and EDID names of common models. */
    public static final List<Display> MONITORS = List.of(
            new Display("DEL", "A0F4", "DELL U2720Q"), new Display("DEL", "41B6", "DELL P2422H"),
            new Display("DEL", "A1A1", "DELL U2723QE"), new Display("GSM", "5B7F", "LG ULTRAFINE"),
            new Display("GSM", "7750", "LG HDR 4K"), new Display("GSM", "5B09", "27GL850"),
            new Display("SAM", "7305", "S27R65x"), new Display("SAM", "0F9B", "LC27F390"),
            new Display("HWP", "3536", "HP E24 G5"), new Display("HWP", "3564", "HP E27 G5"),
            new Display("LEN", "66E6", "LEN T27h-20"), new Display("LEN", "61DC", "LEN T24i-20"));

    /** The monitor on every office desk, two to a desk. */
    public static final Display OFFICE_MONITOR = new Display("DEL", "41B6", "DELL P2422H");

    /** Laptop panels: the panel maker's id and product code, and no display name (as built-in panels report). */
    public static final List<Display> PANELS = List.of(new Display("BOE", "0A1C", null),
            new Display("AUO", "B48D", null), new Display("LGD", "06F2", null), new Display("SHP", "1523", null),
            new Display("CMN", "14D4", null));

    /**
     * The display PiKVM's HDMI capture (a Toshiba TC358743 bridge) shows the laptop: maker
     * {@code LNX}, the Linux kernel's default EDID manufacturer, and the name PiKVM.
     */
    public static final Display PIKVM_DISPLAY = new Display("LNX", "0000", "PiKVM");

    /**
     * One of the Linux kernel's built-in EDIDs ({@code edid/1920x1080.bin}), which a Raspberry Pi
     * emulating a display presents: maker {@code LNX} and a generic name.
     */
    public static final Display LINUX_FHD = new Display("LNX", "0000", "Linux FHD");
}
