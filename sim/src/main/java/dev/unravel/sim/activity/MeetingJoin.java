package dev.unravel.sim.activity;

import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * Someone joining a video meeting, as the meeting service's record of its participants shows it.
 *
 * @param time       when they joined
 * @param leave      when they left
 * @param person     who
 * @param ip         the public address the client joined from
 * @param city       where the service places that address
 * @param computer   the computer's name, as the client reports it
 * @param company    whether that computer is the person's company laptop (else a machine of their own)
 * @param windows    whether that computer runs Windows (else macOS)
 * @param microphone the microphone the client used
 * @param camera     the camera, or "" when none was on
 * @param topic      the meeting's topic
 * @param meetingId  the meeting's number
 */
public record MeetingJoin(Instant time, Instant leave, Person person, String ip, City city, String computer,
        boolean company, boolean windows, String microphone, String camera, String topic, long meetingId)
        implements Activity {
}
