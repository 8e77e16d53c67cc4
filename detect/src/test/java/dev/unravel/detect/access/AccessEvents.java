package dev.unravel.detect.access;

import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;

/**
 * Test events in the vendors' own shapes (as in ../shared/data/vendor-samples/records and the
 * simulator's output): Okta System Log, Entra sign-ins in the Azure Monitor export, GitHub audit,
 * Google Workspace sign-ins from the Reports API, the HR export and the organisation's IP-range CSV.
 */
final class AccessEvents {

    private AccessEvents() {
    }

    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Jeffrey,King,1990-01-02,123-45-6789,jk@gmail.com,jeffrey.king@example.com,jking,+18015157251,8047 Prospect Ln,,Brooklyn,NY,11215,US,America/New_York,Engineering,Developer,,employee,Remote,2026-03-02,,,A1
            E2,Maria,Lopez,1988-03-04,223-45-6789,ml@gmail.com,maria.lopez@example.com,mlopez,+13125550101,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Sales,Account Executive,,employee,Remote,2024-01-10,,,A2
            E3,Tom,Lopez,1987-05-06,323-45-6789,tl@gmail.com,tom.lopez@example.com,tlopez,+13125550102,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Finance,Analyst,,employee,Remote,2024-02-10,,,A3
            E4,Anna,Nowak,1991-07-08,,an@gmail.com,anna.nowak@example.com,anowak,+48601234567,ul. Długa 5,,Warszawa,,00-001,PL,Europe/Warsaw,Engineering,Developer,,contractor,Remote,2025-06-01,,,A4
            E5,Kevin,Hart,1985-09-10,423-45-6789,kh@gmail.com,kevin.hart@example.com,khart,+12065550103,9 Pine St,,Seattle,WA,98101,US,America/Los_Angeles,Engineering,Developer,,employee,Remote,2026-03-02,,,A5
            """;

    static final String RANGES = """
            start_ip,end_ip,cidr,country,asn,as_org,network_type,is_vpn,is_hosting,is_corporate
            64.125.134.0,64.125.134.7,64.125.134.0/29,US,6461,Zayo Bandwidth (Northwind Labs HQ),office,false,false,true
            73.0.0.0,73.15.255.255,73.0.0.0/12,US,7922,"Comcast Cable Communications, LLC",residential,false,false,false
            83.0.0.0,83.15.255.255,83.0.0.0/12,PL,5617,Orange Polska Spolka Akcyjna,residential,false,false,false
            153.128.0.0,153.143.255.255,153.128.0.0/12,JP,4713,NTT Communications Corporation,business,false,false,false
            156.146.32.0,156.146.47.255,156.146.32.0/20,US,60068,Datacamp Limited,vpn,true,false,false
            175.45.176.0,175.45.179.255,175.45.176.0/22,KP,131279,Star Joint Venture Co. Ltd.,residential,false,false,false
            175.160.0.0,175.175.255.255,175.160.0.0/12,CN,4837,CHINA UNICOM China169 Backbone,residential,false,false,false
            185.242.4.0,185.242.7.255,185.242.4.0/22,US,9009,M247 Europe SRL,vpn,true,false,false
            """;

    /** A place as Okta and Entra report it. */
    record Place(String city, String country, String iso, double lat, double lon) {
    }

    static final Place NEW_YORK = new Place("Brooklyn", "United States", "US", 40.6782, -73.9442);
    static final Place CHICAGO = new Place("Chicago", "United States", "US", 41.8781, -87.6298);
    static final Place TOKYO = new Place("Tokyo", "Japan", "JP", 35.6812, 139.7671);
    static final Place SHENYANG = new Place("Shenyang", "China", "CN", 41.8057, 123.4315);
    static final Place PYONGYANG = new Place("Pyongyang", "North Korea", "KP", 39.0392, 125.7625);
    static final Place WARSAW = new Place("Warsaw", "Poland", "PL", 52.2297, 21.0122);

    private static int sequence;

    /** An Okta {@code user.session.start} as the System Log API returns it. */
    static String okta(String email, String ip, Place place, String time) {
        return okta("user.session.start", email, ip, place, time, "SUCCESS", "null");
    }

    static String okta(String type, String email, String ip, Place place, String time, String result, String device) {
        String geo = String.format(java.util.Locale.ROOT, "{\"city\":\"%s\",\"state\":null,\"country\":\"%s\",\"postalCode\":null,"
                + "\"geolocation\":{\"lat\":%.4f,\"lon\":%.4f}}", place.city(), place.country(), place.lat(), place.lon());
        return "{\"actor\":{\"id\":\"00u" + Math.abs(email.hashCode()) + "\",\"type\":\"User\",\"alternateId\":\"" + email
                + "\",\"displayName\":\"" + email + "\",\"detailEntry\":null},"
                + "\"client\":{\"userAgent\":{\"rawUserAgent\":\"Mozilla/5.0\",\"os\":\"Windows 10\",\"browser\":\"CHROME\"},"
                + "\"zone\":\"null\",\"device\":\"Computer\",\"id\":null,\"ipAddress\":\"" + ip + "\",\"geographicalContext\":"
                + geo + "},\"device\":" + device + ",\"authenticationContext\":{\"authenticationStep\":0,"
                + "\"externalSessionId\":\"idx" + (++sequence) + "\"},\"displayMessage\":\"User login to Okta\","
                + "\"eventType\":\"" + type + "\",\"outcome\":{\"result\":\"" + result + "\",\"reason\":null},"
                + "\"published\":\"" + time + "\",\"securityContext\":{},\"severity\":\"INFO\","
                + "\"debugContext\":{\"debugData\":{\"requestUri\":\"/idp/idx/authenticators/poll\"}},"
                + "\"legacyEventType\":\"core.user_auth.login_success\",\"transaction\":{\"type\":\"WEB\",\"id\":\"t" + sequence
                + "\",\"detail\":{}},\"uuid\":\"a1b2c3d4-" + sequence + "\",\"version\":\"0\",\"request\":{\"ipChain\":[{\"ip\":\""
                + ip + "\",\"geographicalContext\":" + geo + ",\"version\":\"V4\",\"source\":null}]},\"target\":[]}\n";
    }

    /** An Okta Verify push approval naming the phone in {@code device}. */
    static String oktaMfa(String email, String ip, String time, String phoneId, String phoneName) {
        String device = "{\"id\":\"" + phoneId + "\",\"name\":\"" + phoneName + "\",\"os_platform\":\"IOS\","
                + "\"managed\":false,\"registered\":true}";
        return okta("user.authentication.auth_via_mfa", email, ip, NEW_YORK, time, "SUCCESS", device);
    }

    /** An Entra ID interactive sign-in in the Azure Monitor diagnostic export shape. */
    static String entra(String upn, String ip, Place place, String time, String deviceId, boolean managed) {
        return String.format(java.util.Locale.ROOT, "{\"time\":\"%s\",\"resourceId\":\"/tenants/t1/providers/Microsoft.aadiam\","
                + "\"operationName\":\"Sign-in activity\",\"operationVersion\":\"1.0\",\"category\":\"SignInLogs\","
                + "\"tenantId\":\"t1\",\"resultType\":\"0\",\"resultSignature\":\"None\",\"durationMs\":0,"
                + "\"callerIpAddress\":\"%s\",\"correlationId\":\"c%d\",\"Level\":4,\"location\":\"%s\","
                + "\"properties\":{\"id\":\"s%d\",\"createdDateTime\":\"%s\",\"userPrincipalName\":\"%s\","
                + "\"userId\":\"u1\",\"appDisplayName\":\"OfficeHome\",\"ipAddress\":\"%s\",\"clientAppUsed\":\"Browser\","
                + "\"isInteractive\":true,\"status\":{\"errorCode\":0},"
                + "\"deviceDetail\":{\"deviceId\":\"%s\",\"displayName\":\"\",\"operatingSystem\":\"Windows10\","
                + "\"browser\":\"Edge\",\"isCompliant\":%s,\"isManaged\":%s,\"trustType\":\"\"},"
                + "\"location\":{\"city\":\"%s\",\"countryOrRegion\":\"%s\",\"geoCoordinates\":{\"latitude\":%.4f,"
                + "\"longitude\":%.4f}}}}\n", time, ip, ++sequence, place.iso(), sequence, time, upn, ip, deviceId,
                managed, managed, place.city(), place.iso(), place.lat(), place.lon());
    }

    /**
     * A Duo authentication log (v2, as Duo's log sync writes it): signed in from {@code ip} at
     * {@code place}, approved by the phone {@code phoneKey} named {@code phoneName}.
     */
    static String duo(String user, String ip, Place place, String time, String result, String phoneKey,
            String phoneName) {
        return duo(user, ip, place, time, result, phoneKey, phoneName, "73.9.9.9", "United States");
    }

    /** As above, with the approving phone at {@code phoneIp} (null: none recorded) in {@code phoneCountry}. */
    static String duo(String user, String ip, Place place, String time, String result, String phoneKey,
            String phoneName, String phoneIp, String phoneCountry) {
        String phone = phoneKey == null ? "null" : "{" + (phoneIp == null ? "" : "\"ip\":\"" + phoneIp + "\",")
                + "\"key\":\"" + phoneKey + "\",\"location\":{\"city\":\"\",\"country\":\"" + phoneCountry
                + "\",\"state\":\"\"},\"name\":\"" + phoneName + "\"}";
        return "{\"access_device\":{\"browser\":\"Chrome\",\"hostname\":null,\"ip\":\"" + ip + "\",\"location\":"
                + "{\"city\":\"" + place.city() + "\",\"country\":\"" + place.country() + "\",\"state\":\"\"},"
                + "\"os\":\"Windows\"},\"application\":{\"key\":\"DIY231J8BR23QK4UKBY8\",\"name\":\"VPN\"},"
                + "\"auth_device\":" + phone + ",\"email\":\"" + user + "\",\"event_type\":\"authentication\","
                + "\"factor\":\"" + (phoneKey == null ? "bypass_code" : "duo_push") + "\",\"isotimestamp\":\"" + time
                + "\",\"reason\":\"" + ("success".equals(result) ? "user_approved" : "deny_unenrolled_user")
                + "\",\"result\":\"" + result + "\",\"txid\":\"tx" + (++sequence) + "\",\"user\":{\"key\":\"DU"
                + Math.abs(user.hashCode()) + "\",\"name\":\"" + user + "\"}}\n";
    }

    /**
     * A Google Workspace sign-in ({@code name} login_success or login_failure) as the Admin SDK Reports
     * API lists the {@code login} application's activities, geolocated by Google in {@code networkInfo}.
     */
    static String google(String name, String email, String ip, String region, String time) {
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "\",\"uniqueQualifier\":\"-"
                + (++sequence) + "\",\"applicationName\":\"login\",\"customerId\":\"C03az79cb\"},\"etag\":\"\\\"e"
                + sequence + "\\\"\",\"actor\":{\"callerType\":\"USER\",\"email\":\"" + email + "\",\"profileId\":\"1"
                + Math.abs(email.hashCode()) + "\"},\"ipAddress\":\"" + ip + "\",\"networkInfo\":{\"ipAsn\":[4713],"
                + "\"regionCode\":\"" + region + "\"},\"events\":[{\"type\":\"login\",\"name\":\"" + name
                + "\",\"parameters\":[{\"name\":\"login_type\",\"value\":\"google_password\"},"
                + "{\"name\":\"login_challenge_method\",\"multiValue\":[\"password\"]},"
                + "{\"name\":\"is_suspicious\",\"boolValue\":false}]}]}\n";
    }

    /**
     * A GlobalProtect log line as PAN-OS 10.x forwards it over syslog: {@code eventId}
     * ({@code gateway-connected}, {@code portal-auth} …) for {@code user} on the laptop {@code machine}
     * from {@code ip}, which the firewall places in {@code region}.
     */
    static String globalProtect(String eventId, String user, String machine, String ip, String region, String time,
            String status) {
        String panos = time.substring(0, 19).replace('-', '/').replace('T', ' ');
        return "<14>Mar  5 01:00:00 PA-3220-HQ 1," + panos + ",016201004321,GLOBALPROTECT,0,2817," + panos
                + ",vsys1," + eventId + ",connected,SAML,IPSec," + user + "," + region + "," + machine + "," + ip
                + ",0.0.0.0,10.200.4." + (++sequence % 250) + ",0.0.0.0,6c1f3e2a-8b7d-4c19-9e55-0a2f7d1c4b90,PF3K9Z2A,"
                + "6.2.4-28,Microsoft Windows,\"Microsoft Windows 11 Enterprise , 64-bit\",1,,,\"\"," + status
                + ",,0,user-logon,0,GP-Portal-HQ," + sequence + ",0x8000000000000000," + time + ",,,,,GW-East,12,0,0,"
                + "0,,PA-3220-HQ,1,\n";
    }

    /**
     * A FortiGate VPN event log line ({@code action} tunnel-up, tunnel-down, ssl-login-fail) for
     * {@code user} from {@code ip}, which FortiOS places in {@code country} (a country name).
     */
    static String fortiGate(String action, String tunnelType, String user, String ip, String country, String time) {
        String date = time.substring(0, 10);
        String clock = time.substring(11, 19);
        return "date=" + date + " time=" + clock + " devname=\"NWL-FGT-01\" devid=\"FG100FTK20000001\" tz=\"+0000\" "
                + "logid=\"0101039424\" type=\"event\" subtype=\"vpn\" level=\"information\" vd=\"root\" "
                + "logdesc=\"SSL VPN\" action=\"" + action + "\" tunneltype=\"" + tunnelType + "\" tunnelid="
                + (++sequence) + " remip=" + ip + " tunnelip=10.212.134." + (sequence % 250) + " user=\"" + user
                + "\" group=\"SSLVPN-Users\" srccountry=\"" + country + "\" dst_host=\"N/A\" reason=\"N/A\"\n";
    }

    /**
     * A Zscaler Private Access User Status log (LSS JSON template) of the Client Connector on
     * {@code machine}: {@code status} ZPN_STATUS_AUTHENTICATED or ZPN_STATUS_DISCONNECTED, at {@code time}.
     */
    static String zpa(String status, String clientType, String user, String machine, String ip, String country,
            String time) {
        return "{\"LogTimestamp\":\"Mon Mar  2 00:00:00 2026\",\"Customer\":\"Northwind\",\"Username\":\"" + user
                + "\",\"SessionID\":\"s" + (++sequence) + "\",\"SessionStatus\":\"" + status + "\",\"ZEN\":\"US-NY-8179\","
                + "\"PrivateIP\":\"192.168.1.20\",\"PublicIP\":\"" + ip + "\",\"CountryCode\":\"" + country + "\","
                + "\"TimestampAuthentication\":\"" + time + "\",\"TimestampUnAuthentication\":\"\",\"Hostname\":\""
                + machine + "\",\"Platform\":\"windows\",\"ClientType\":\"" + clientType + "\"}\n";
    }

    /** A GitHub audit-log streaming event. */
    static String github(String action, String login, String email, String ip, String country, Instant at) {
        return "{\"@timestamp\":" + at.toEpochMilli() + ",\"_document_id\":\"d" + (++sequence) + "\",\"action\":\""
                + action + "\",\"actor\":\"" + login + "\",\"actor_ip\":\"" + ip + "\",\"actor_location\":{\"country_code\":\""
                + country + "\"},\"external_identity_nameid\":\"" + email + "\",\"org\":\"acme\",\"repo\":\"acme/api\","
                + "\"repository_public\":false}\n";
    }

    /** A harness holding the HR records and the organisation's IP ranges. */
    static DetectorHarness harness() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES).with("ip-intel", RANGES);
    }

    /** {@code count} Okta sign-ins one per day from {@code day} (yyyy-mm-dd of March 2026) at {@code hhmm} UTC. */
    static String daily(String email, String ip, Place place, int firstDay, int count, String hhmm) {
        StringBuilder b = new StringBuilder();
        for (int d = firstDay; d < firstDay + count; d++) {
            b.append(okta(email, ip, place, String.format("2026-03-%02dT%s:00.000Z", d, hhmm)));
        }
        return b.toString();
    }
}
