package dev.unravel.sim.world;

import java.time.Instant;

/**
 * A laptop shipment to a new worker, as the IT asset system exports it.
 *
 * @param id              shipment id
 * @param assetTag        the laptop shipped
 * @param employeeId      the worker it is for
 * @param carrier         carrier name
 * @param trackingNumber  the carrier's tracking number
 * @param shipToName      the name on the label
 * @param shipTo          the address it went to
 * @param previousShipTo  the address first requested, when the ship-to was changed, else null
 * @param shipToChangedAt when the ship-to was changed, else null
 * @param requestedAt     when IT created the shipment
 * @param shippedAt       when the carrier picked it up
 * @param deliveredAt     when it was delivered
 */
public record Shipment(String id, String assetTag, String employeeId, String carrier, String trackingNumber,
        String shipToName, Address shipTo, Address previousShipTo, Instant shipToChangedAt, Instant requestedAt,
        Instant shippedAt, Instant deliveredAt) {
}
