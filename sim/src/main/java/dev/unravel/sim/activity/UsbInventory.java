package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import java.time.Instant;
import java.util.List;

/**
 * The USB devices attached to a laptop, as osquery's scheduled {@code usb_devices} query sees them
 * (written as a snapshot result).
 */
public record UsbInventory(Instant time, Host host, List<UsbDevice> devices) implements Activity {

    /**
     * One USB device as osquery's {@code usb_devices} table reports it.
     *
     * @param vendorId four hex digits, lower case ({@code 1d6b})
     * @param modelId  four hex digits, lower case ({@code 0104})
     * @param vendor   the vendor string
     * @param model    the model string
     * @param serial   the serial, possibly empty
     * @param usbClass the interface class as osquery prints it
     * @param removable whether osquery reports it removable
     */
    public record UsbDevice(String vendorId, String modelId, String vendor, String model, String serial,
            String usbClass, boolean removable) {
    }
}
