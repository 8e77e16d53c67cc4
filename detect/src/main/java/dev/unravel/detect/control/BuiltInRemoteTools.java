package dev.unravel.detect.control;

import dev.unravel.detect.control.RemoteTool.Kind;
import java.util.List;
import java.util.Set;

/**
 * Unravel's own list of remote-access products seen in remote-worker fraud reports (AnyDesk,
 * Chrome Remote Desktop, RustDesk and the Chinese tools Sunlogin and ToDesk among them), the
 * mainstream IT-support tools a company may approve, software mouse jigglers, and Astrill VPN, the
 * VPN that reports on the North Korean IT-worker scheme name as the operators' (Mandiant, Microsoft
 * on Jasper Sleet, LevelBlue, Unit 42). Names are those the products install under; domains are the
 * vendors' relay and rendezvous services (for Astrill, its own site and API, which its client calls
 * to sign in and fetch servers; a look-up may also be someone reading the site, and counts less).
 */
final class BuiltInRemoteTools {

    private BuiltInRemoteTools() {
    }

    static final List<RemoteTool> ALL = List.of(
            control("AnyDesk", Set.of("anydesk.exe", "anydesk"), Set.of("anydesk", "com.philandro.anydesk"),
                    Set.of("*.anydesk.com", "anydesk.com")),
            control("TeamViewer", Set.of("teamviewer.exe", "teamviewer_service.exe", "teamviewerqs.exe", "tv_w32.exe",
                    "tv_x64.exe", "teamviewer", "teamviewer_desktop"),
                    Set.of("teamviewer", "teamviewer host", "teamviewerqs", "com.teamviewer.teamviewer",
                            "com.teamviewer.teamviewerhost", "com.teamviewer.teamviewerqs"),
                    Set.of("*.teamviewer.com", "teamviewer.com")),
            control("Chrome Remote Desktop", Set.of("remoting_host.exe", "remoting_desktop.exe",
                    "remoting_start_host.exe", "remote_assistance_host.exe", "remoting_native_messaging_host.exe",
                    "chromeremotedesktophost", "remoting_me2me_host"),
                    Set.of("chrome remote desktop", "chrome remote desktop host", "chromeremotedesktophost",
                            "com.google.chrome.remotedesktop", "com.google.chromeremotedesktop.me2me-host"),
                    Set.of("remotedesktop-pa.googleapis.com", "remotedesktop.google.com", "*.remotedesktop.google.com",
                            "chromoting-host.talkgadget.google.com", "chromoting-oauth.talkgadget.google.com")),
            control("RustDesk", Set.of("rustdesk.exe", "rustdesk"),
                    Set.of("rustdesk", "com.carriez.rustdesk", "com.purslaneltd.rustdesk"),
                    Set.of("*.rustdesk.com", "rustdesk.com")),
            control("ScreenConnect", Set.of("screenconnect.windowsclient.exe", "screenconnect.clientservice.exe",
                    "screenconnect.windowsbackstageshell.exe", "screenconnectclient", "connectwisecontrol.client.exe"),
                    Set.of("screenconnect client", "connectwise control client", "screenconnect",
                            "com.screenconnect.client"),
                    Set.of("*.screenconnect.com", "screenconnect.com")),
            control("Splashtop", Set.of("srservice.exe", "srmanager.exe", "srapp.exe", "srserver.exe",
                    "strwinclt.exe"),
                    Set.of("splashtop streamer", "splashtop business", "splashtop personal",
                            "com.splashtop.splashtop-streamer"),
                    Set.of("*.splashtop.com", "*.splashtop.eu")),
            control("LogMeIn", Set.of("logmein.exe", "lmiguardiansvc.exe", "lmi_rescue.exe", "logmeinsystray.exe"),
                    Set.of("logmein", "logmein rescue", "logmein client"),
                    Set.of("*.logmein.com", "*.logme.in", "*.logmeinrescue.com")),
            control("Remote Utilities", Set.of("rutserv.exe", "rfusclient.exe", "rutview.exe"),
                    Set.of("remote utilities - host", "remote utilities - agent", "remote utilities"),
                    Set.of("*.remoteutilities.com")),
            control("Radmin", Set.of("radmin.exe", "rserver3.exe"), Set.of("radmin server", "radmin viewer"),
                    Set.of("*.radmin.com")),
            control("Ammyy Admin", Set.of("aa_v3.exe", "ammyy_admin.exe"), Set.of("ammyy admin"),
                    Set.of("*.ammyy.com", "ammyy.com")),
            control("VNC", Set.of("winvnc.exe", "tvnserver.exe", "vncserver.exe", "vncserver-x11", "x11vnc"),
                    Set.of("ultravnc", "tightvnc", "realvnc server", "vnc server", "com.realvnc.vncserver"),
                    Set.of("*.realvnc.com")),
            control("Parsec", Set.of("parsecd.exe", "parsecd"), Set.of("parsec", "tv.parsec.www"),
                    Set.of("*.parsec.app", "*.parsecgaming.com", "parsec.app")),
            control("Zoho Assist", Set.of("za_connect.exe", "zaservice.exe", "zohoassist.exe"),
                    Set.of("zoho assist", "zohoassist unattended agent"), Set.of("*.zohoassist.com", "assist.zoho.com")),
            control("Supremo", Set.of("supremo.exe", "supremoservice.exe", "supremohelper.exe"), Set.of("supremo"),
                    Set.of("*.supremocontrol.com")),
            control("HopToDesk", Set.of("hoptodesk.exe", "hoptodesk"), Set.of("hoptodesk"), Set.of("*.hoptodesk.com")),
            control("MeshCentral", Set.of("meshagent.exe", "meshagent"), Set.of("mesh agent"), Set.of()),
            control("Atera", Set.of("ateraagent.exe"), Set.of("ateraagent", "atera agent"), Set.of("*.atera.com")),
            control("NinjaOne", Set.of("ninjarmmagent.exe", "ninjarmmagentpatcher.exe"), Set.of("ninjarmmagent"),
                    Set.of("*.ninjarmm.com")),
            control("DWService", Set.of("dwagent.exe", "dwagsvc.exe", "dwagent"), Set.of("dwagent"),
                    Set.of("*.dwservice.net")),
            control("Getscreen", Set.of("getscreen.exe"), Set.of("getscreen.me", "getscreen"), Set.of("*.getscreen.me")),
            control("AnyViewer", Set.of("anyviewer.exe", "rcservice.exe", "rcclient.exe"), Set.of("anyviewer"),
                    Set.of("*.anyviewer.com")),
            control("Sunlogin", Set.of("sunloginclient.exe", "sunloginremote.exe", "sunloginservice.exe",
                    "sunloginclient"), Set.of("sunlogin", "sunloginclient", "com.oray.sunlogin.macclient"),
                    Set.of("*.oray.com", "*.oray.net", "*.sunlogin.net")),
            control("ToDesk", Set.of("todesk.exe", "todesk_service.exe", "todesk"), Set.of("todesk", "com.youqu.todesk.mac"),
                    Set.of("*.todesk.com", "todesk.com")),
            control("AweSun", Set.of("awesun.exe", "aweray_remote.exe", "awesun"), Set.of("awesun", "aweray"),
                    Set.of("*.aweray.com", "*.aweray.net", "*.awesun.app")),
            jiggler("Mouse Jiggler", Set.of("mousejiggler.exe", "mouse jiggler.exe"), Set.of("mouse jiggler")),
            jiggler("Move Mouse", Set.of("movemouse.exe", "move mouse.exe"), Set.of("move mouse")),
            jiggler("Jiggler (macOS)", Set.of("jiggler"), Set.of("jiggler", "com.sticksoftware.jiggler")),
            jiggler("Caffeine", Set.of("caffeine.exe", "caffeine64.exe", "caffeine32.exe"), Set.of("caffeine")),
            new RemoteTool("Astrill VPN", Kind.VPN, Set.of("astrill.exe", "astrillvpn.exe", "astrill"),
                    Set.of("astrill", "astrill vpn", "astrillvpn", "com.astrill.astrill"),
                    Set.of("astrill.com", "*.astrill.com")));

    private static RemoteTool control(String name, Set<String> executables, Set<String> programs, Set<String> domains) {
        return new RemoteTool(name, Kind.REMOTE_CONTROL, executables, programs, domains);
    }

    private static RemoteTool jiggler(String name, Set<String> executables, Set<String> programs) {
        return new RemoteTool(name, Kind.JIGGLER, executables, programs, Set.of());
    }
}
