package dev.unravel.detect.steal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.core.testing.SharedData;
import dev.unravel.detect.testing.DetectorHarness;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailForwardingDetectorTest {

    /** Homer started eleven days before the vendor's sample records; Marge long before. */
    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Homer,Simpson,1980-05-12,123-45-6789,homer.j@gmail.com,homer.simpson@simpsons.onmicrosoft.com,homer.simpson,+18015157251,742 Evergreen Ter,,Springfield,OR,97477,US,America/Los_Angeles,Engineering,Developer,,employee,Remote,2022-12-01,,,A1
            E2,Marge,Simpson,1982-03-19,223-45-6789,marge@yahoo.com,marge.simpson@simpsons.onmicrosoft.com,marge.simpson,+18015157252,742 Evergreen Ter,,Springfield,OR,97477,US,America/Los_Angeles,Finance,Analyst,,employee,Remote,2019-06-03,,,A2
            """;

    static DetectorHarness harness() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES);
    }

    /** An Exchange admin record as the Management Activity API returns it. */
    static String record(String operation, String user, String time, String status, String parameters) {
        return "{\"CreationTime\":\"" + time + "\",\"Id\":\"" + Math.abs((operation + parameters).hashCode())
                + "\",\"Operation\":\"" + operation + "\",\"OrganizationId\":\"11-aa-bb\",\"RecordType\":1,"
                + "\"ResultStatus\":\"" + status + "\",\"UserKey\":\"12345\",\"UserType\":2,\"Version\":1,"
                + "\"Workload\":\"Exchange\",\"ClientIP\":\"203.0.113.9\",\"ObjectId\":\"homer.simpson\",\"UserId\":\""
                + user + "\",\"ExternalAccess\":false,\"OrganizationName\":\"simpsons.onmicrosoft.com\","
                + "\"OriginatingServer\":\"QWERTY (15.20.5.1)\",\"Parameters\":" + parameters + "}\n";
    }

    @Test
    void theVendorsRecords_forwardsOutsideFire_colleaguesAndOtherRulesDoNot() throws Exception {
        String sample = Files.readString(SharedData.vendorRecords("Microsoft365_Audit_Exchange.ndjson"));
        DetectorHarness h = harness().with("m365-audit", sample);
        List<Signal> signals = h.run(new MailForwardingDetector());

        // John's forward stays in justice.org, his mailbox's own domain; a rule that moves mail is no forward;
        // a mailbox named by an Exchange path is Homer's alias; one the roster cannot place stays an account
        assertThat(signals).extracting(s -> s.subject().value())
                .containsExactly("E1", "E2", "E1", "E1", "Format", "E1", "E1", "E1");
        Signal first = signals.get(0);
        assertThat(first.detector()).isEqualTo(MailForwardingDetector.ID);
        assertThat(first.stage()).isEqualTo(Stage.STEAL);
        assertThat(first.technique()).isEqualTo("T1114.003");
        assertThat(first.strength()).as("no copy kept, a new hire").isEqualTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.explanation()).isEqualTo("Homer Simpson's company mailbox was set to forward its mail to "
                + "peter.griffin@familyguy.com, outside the company, by Set-Mailbox (ForwardingSmtpAddress), keeping no "
                + "copy in the mailbox, 11 days after they started. From then on, every message sent to them also "
                + "reaches an account the company does not control.");
        assertThat(signals.get(2).explanation()).contains("external@example.com", "by New-InboxRule (ForwardTo)",
                "deleting the message from the mailbox");
        assertThat(signals.get(3).explanation()).contains("external1@example.com, external2@example.com, "
                + "external3@example.com, outside the company,");
        assertThat(signals.get(4).subject().kind()).isEqualTo(EntityRef.Kind.ACCOUNT);
        assertThat(signals.get(4).explanation()).as("a mailbox the roster cannot place, and who set it")
                .startsWith("The company mailbox Format was set to forward its mail to hello@familyguy.com")
                .contains("; set by homer.simpson@simpsons.onmicrosoft.com");
        assertThat(signals.get(5).explanation()).startsWith("Homer Simpson's company mailbox").contains("hello@familyguy.com");

        // the company's other domain, configured, is inside: Marge's forward and the subdomain are not reported,
        // the look-alike simpsons2.com still is
        List<Signal> configured = harness().with("m365-audit", sample)
                .settings(MailForwardingDetector.ID, Map.of("company_domains", List.of("simpsons.com")))
                .run(new MailForwardingDetector());
        assertThat(configured).extracting(s -> s.subject().value()).containsOnly("E1", "Format").hasSize(6);
        assertThat(configured).anySatisfy(s -> assertThat(s.explanation()).contains("evil@simpsons2.com"));
        assertThat(configured).noneSatisfy(s -> assertThat(s.explanation()).contains("springfield.simpsons.com"));
    }

    @Test
    void toThePersonalAddressOnFile_isStronger_aFailedCommandIsCounted_andUnknownMailboxesAreAccounts() {
        String personal = record("New-InboxRule", "homer.simpson@simpsons.onmicrosoft.com", "2023-03-01T10:00:00",
                "True", "[{\"Name\":\"Mailbox\",\"Value\":\"homer.simpson@simpsons.onmicrosoft.com\"},{\"Name\":\"Name\","
                        + "\"Value\":\"x\"},{\"Name\":\"ForwardAsAttachmentTo\",\"Value\":\"\\\"Homer\\\" [SMTP:Homer.J@Gmail.com]\"}]");
        String failed = record("Set-Mailbox", "marge.simpson@simpsons.onmicrosoft.com", "2023-03-01T11:00:00", "False",
                "[{\"Name\":\"Identity\",\"Value\":\"marge.simpson@simpsons.onmicrosoft.com\"},"
                        + "{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"smtp:marge.s@proton.me\"}]");
        String stranger = record("Set-Mailbox", "admin@simpsons.onmicrosoft.com", "2023-03-01T12:00:00", "True",
                "[{\"Name\":\"Identity\",\"Value\":\"bart.simpson@simpsons.onmicrosoft.com\"},"
                        + "{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"smtp:bart@skate.example\"},"
                        + "{\"Name\":\"DeliverToMailboxAndForward\",\"Value\":\"True\"}]");
        String turnedOff = record("Set-Mailbox", "homer.simpson@simpsons.onmicrosoft.com", "2023-03-01T13:00:00", "True",
                "[{\"Name\":\"Identity\",\"Value\":\"homer.simpson@simpsons.onmicrosoft.com\"},"
                        + "{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"\"}]");
        DetectorHarness h = harness().with("m365-audit", personal + failed + stranger + turnedOff);
        List<Signal> signals = h.run(new MailForwardingDetector());

        assertThat(signals).hasSize(2);
        assertThat(signals.get(0).subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(signals.get(0).strength()).as("to their own personal address, long after starting")
                .isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(signals.get(0).explanation()).contains("homer.j@gmail.com, outside the company (the personal address "
                + "HR holds for them), by New-InboxRule (ForwardAsAttachmentTo)");
        assertThat(signals.get(1).subject()).isEqualTo(new EntityRef(EntityRef.Kind.ACCOUNT,
                "bart.simpson@simpsons.onmicrosoft.com"));
        assertThat(signals.get(1).explanation()).startsWith("The company mailbox bart.simpson@simpsons.onmicrosoft.com "
                + "was set to forward").contains("; set by admin@simpsons.onmicrosoft.com");
        assertThat(h.skippedReasons()).containsEntry("command that failed", 1L);
    }

    /** Google Workspace's user accounts log: {@code user} set Gmail to forward to {@code target}. */
    static String gmailForwarding(String user, String time, String target) {
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "\",\"uniqueQualifier\":\""
                + Math.abs((user + target).hashCode()) + "\",\"applicationName\":\"user_accounts\",\"customerId\":"
                + "\"C03az79cb\"},\"actor\":{\"callerType\":\"USER\",\"email\":\"" + user + "\",\"profileId\":"
                + "\"1052\"},\"ipAddress\":\"198.51.100.4\",\"events\":[{\"type\":\"email_forwarding_change\","
                + "\"name\":\"email_forwarding_out_of_domain\",\"parameters\":[{\"name\":"
                + "\"email_forwarding_destination_address\",\"value\":\"" + target + "\"}]}]}\n";
    }

    @Test
    void gmailForwardingOutOfTheDomain_isReadFromGoogleWorkspace() {
        String homer = gmailForwarding("homer.simpson@simpsons.onmicrosoft.com", "2022-12-05T09:00:00Z",
                "Homer.J@gmail.com");
        String toSubsidiary = gmailForwarding("marge.simpson@simpsons.onmicrosoft.com", "2023-01-05T09:00:00Z",
                "marge@kwik-e-mart.example");
        String noAddress = gmailForwarding("marge.simpson@simpsons.onmicrosoft.com", "2023-01-06T09:00:00Z", "");
        DetectorHarness h = harness().with("gworkspace", homer + toSubsidiary + noAddress)
                .settings(MailForwardingDetector.ID, Map.of("company_domains", List.of("kwik-e-mart.example")));

        assertThat(h.run(new MailForwardingDetector())).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).as("own address, four days after starting")
                    .isEqualTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.explanation()).isEqualTo("Homer Simpson's company mailbox was set to forward its mail to "
                    + "homer.j@gmail.com, outside the company (the personal address HR holds for them), by Gmail's "
                    + "forwarding setting (Google Workspace's email_forwarding_out_of_domain), 4 days after they "
                    + "started. From then on, every message sent to them also reaches an account the company does not "
                    + "control.");
        });
        assertThat(h.skippedReasons()).containsEntry("Gmail forwarding without its destination address", 1L);
    }

    @Test
    void addressesAreReadFromEveryShapeExchangeWrites() {
        assertThat(MailForwardingDetector.addresses("smtp:Peter.Griffin@FamilyGuy.com")).containsExactly(
                "peter.griffin@familyguy.com");
        assertThat(MailForwardingDetector.addresses("a@x.com;b@y.org, \"C\" [SMTP:c@z.net]")).containsExactly("a@x.com",
                "b@y.org", "c@z.net");
        assertThat(MailForwardingDetector.addresses("MYFolder")).isEmpty();
        assertThat(MailForwardingDetector.addresses("a@@b.com x@localhost y@z.")).isEmpty();
        assertThat(MailForwardingDetector.addresses("x@a.com ".repeat(500))).hasSize(1);
        assertThat(MailForwardingDetector.mailbox("ABC1.prod.outlook.com/Microsoft Exchange Hosted Organizations/"
                + "simpsons.onmicrosoft.com/homer.simpson")).isEqualTo("homer.simpson");
        assertThat(CompanyDomains.internal("mail.simpsons.com", java.util.Set.of("simpsons.com"))).isTrue();
        assertThat(CompanyDomains.internal("simpsons2.com", java.util.Set.of("simpsons.com"))).isFalse();
    }
}
