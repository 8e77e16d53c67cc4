package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.GitAction;
import dev.unravel.sim.world.Facilitator;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Persona;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push webhook's commits: whose name and email the computer they were written on gives them. */
class GithubWebhookWriterTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @TempDir
    Path dir;

    static Person hire(String id, String first, String last, Persona persona, Facilitator farm) {
        Person p = new Person();
        p.id = id;
        p.firstName = first;
        p.lastName = last;
        p.username = (first.charAt(0) + last).toLowerCase(java.util.Locale.ROOT);
        p.workEmail = first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT)
                + "@northwindlabs.com";
        p.personalEmail = first.toLowerCase(java.util.Locale.ROOT) + ".dev10@outlook.com";
        p.githubLogin = p.username + "-nw";
        p.githubUserId = "9" + id.substring(1);
        p.persona = persona;
        p.facilitator = farm;
        return p;
    }

    @Test
    void aFarmsOtherHires_pushHalfTheirCommitsUnderTheIdentityTheOperatorsMachineIsSetUpFor() throws IOException {
        Facilitator farm = new Facilitator("F1", "Dana Cole", null, null, "71.1.2.3", null, "185.1.2.3", null);
        Person first = hire("E100205", "Eric", "Gonzalez", Persona.STOLEN_IDENTITY_FARM, farm);
        Person second = hire("E100208", "Gregory", "Bennett", Persona.FAST_EXFILTRATOR, farm);
        Person kvm = hire("E100207", "Gregory", "Young", Persona.IPKVM_FACILITATOR, farm);
        farm.gitIdentity = first;
        List<GitAction> pushes = new ArrayList<>();
        for (Person p : List.of(first, second, kvm)) {
            for (int i = 0; i < 40; i++) {
                pushes.add(new GitAction(T0.plusSeconds(60L * pushes.size()), p, "git.push", "payments-core",
                        "71.1.2.3", "US", "git/2.43.0", p.id + "-" + i, SEOUL));
            }
        }
        run(out -> new GithubWebhookWriter(new World(42, "835ba8c6-5017-4146-863c-b100e811caf5", "1234"), out), dir,
                pushes);
        List<JsonNode> deliveries = lines(dir.resolve("github/webhooks-2026-03-02.ndjson"));
        assertThat(deliveries).hasSize(120);
        long borrowed = 0;
        for (JsonNode d : deliveries) {
            String pusher = d.path("pusher").path("name").asText();
            for (JsonNode c : d.path("commits")) {
                String email = c.path("author").path("email").asText();
                assertThat(c.path("committer").path("email").asText()).isEqualTo(email);
                if (pusher.equals(second.githubLogin) && email.equals(first.personalEmail)) {
                    borrowed++;
                    assertThat(c.path("author").path("name").asText()).isEqualTo("Eric Gonzalez");
                    assertThat(c.path("author").has("username")).as("linked to no account of the org").isFalse();
                } else {
                    // the hire the machine is set up for, and the IP-KVM hire on the laptop itself: their own
                    assertThat(email).isEqualTo(pusher.equals(first.githubLogin) ? first.workEmail
                            : pusher.equals(second.githubLogin) ? second.workEmail : kvm.workEmail);
                }
            }
        }
        assertThat(borrowed).as("about half of the other hire's pushes").isBetween(20L, 100L);
    }
}
