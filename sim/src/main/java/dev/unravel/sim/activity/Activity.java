package dev.unravel.sim.activity;

import java.time.Instant;

/**
 * One thing that happened in the simulated company, before it is written in any vendor's format.
 * The planner produces activities for a day in time order; each output writer renders the
 * activities its source would record (a sign-in becomes an Okta or Entra record, a network flow
 * becomes Zeek conn, dns and http lines and, on Windows, a Sysmon network event).
 */
public sealed interface Activity permits SignIn, ProcessStart, NetFlow, GitAction, UsbInventory, ProgramChange,
        MonitorInventory, RdpConnection, DuoPush, FileDownload, FileShare, MailForward,
        Mail, VpnConnection, InputLanguageSetting, RepoChange, MeetingJoin {

    Instant time();
}
