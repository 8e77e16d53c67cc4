package dev.unravel.sim;

import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.Mail;
import dev.unravel.sim.plan.MailFactory;
import dev.unravel.sim.plan.DayPlanner;
import dev.unravel.sim.plan.Step;
import dev.unravel.sim.plan.Truth;
import dev.unravel.sim.world.Persona;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Inbound email: a trickle of ordinary mail to random workers (some with archives, some
 * mentioning bitcoin: the near misses) and, a few days after the extortionist is fired, the
 * ransom email with a ZIP of what they took.
 */
final class Mailroom {
    private final World world;
    private final Truth truth;
    private final DayPlanner planner;
    private final SimConfig config;

    Mailroom(World world, Truth truth, DayPlanner planner, SimConfig config) {
        this.world = world;
        this.truth = truth;
        this.planner = planner;
        this.config = config;
    }

    /** Adds the mail that arrives on UTC day {@code day}. */
    void deliver(LocalDate day, List<Activity> out) {
        if (day.isBefore(config.start())) {
            return;
        }
        Rng rng = Rng.of(config.seed(), Rng.key("mail"), day.toEpochDay());
        int count = 2 + world.people.size() / 100;
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < count; i++) {
            Person to = world.people.get(rng.nextInt(world.people.size()));
            if (!to.employedOn(day)) {
                continue;
            }
            out.add(MailFactory.benign(to, midnight.plusSeconds(rng.between(12 * 3600, 23 * 3600)), rng));
        }
        for (Person p : world.fraudulent()) {
            if (p.persona == Persona.FIRED_EXTORTIONIST && p.terminationDate != null
                    && day.equals(p.terminationDate.plusDays(3))) {
                List<Repo> stolen = planner.taken(p);
                if (stolen.isEmpty()) {
                    stolen = world.repos.subList(0, Math.min(3, world.repos.size()));
                }
                // Sent at mid-morning the operator's time, from the VPN exit the sign-ins used.
                Instant at = day.atStartOfDay(p.workZone).toInstant().plusSeconds(10 * 3600 + rng.nextInt(3600));
                if (at.isBefore(midnight)) {
                    at = midnight.plusSeconds(rng.nextInt(3600));
                }
                Mail m = MailFactory.extortion(p, at, stolen, rng, p.facilitator.vpnExitIp);
                out.add(m);
                truth.mark(p, Step.EXTORTION_EMAIL, m.time(), "email", "Message-ID <" + m.messageId() + "> from "
                        + m.fromAddress());
            }
        }
    }
}
