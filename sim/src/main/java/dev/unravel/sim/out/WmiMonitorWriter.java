package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.MonitorInventory;
import dev.unravel.sim.activity.MonitorInventory.Monitor;
import java.io.IOException;

/**
 * Monitor inventories of the Windows laptops, as an EDR collects WMI's {@code root\wmi:WmiMonitorID}
 * class each day and exports it: one JSON object a line per connected display, one file per UTC
 * day, with the collecting agent's {@code hostname} and collection time ({@code @timestamp}) and
 * the class's properties as WMI gives them. The EDID strings ({@code ManufacturerName},
 * {@code ProductCodeID}, {@code SerialNumberID}, {@code UserFriendlyName}) are arrays of UInt16
 * character codes padded with zeros (16, 16, 16 and 13 long), and {@code UserFriendlyName} is null
 * for a built-in panel whose EDID has no name. {@code InstanceName} is the display's PnP instance
 * ({@code DISPLAY\DELA0F4\5&2a1b3c4d&0&UID4352_0}), stable per laptop and connector.
 */
public final class WmiMonitorWriter extends DailyJsonWriter {
    private static final int NAME_WIDTH = 13;
    private static final int ID_WIDTH = 16;


    public WmiMonitorWriter(OutputDir dir) {
        super(dir, "wmi", day -> "wmi/monitors-" + day + ".json");
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof MonitorInventory inv) || !inv.host().windows()) {
            return;
        }
        long hostSeed = StableHash.of(inv.host().hostname());
        for (Monitor m : inv.monitors()) {
            JsonGenerator json = out.begin();
            json.writeFieldName("@timestamp");
            text.clear().utc(inv.time(), 'T', 3).append('Z').writeString(json);
            json.writeStringField("hostname", inv.host().hostname());
            json.writeStringField("ClassName", "WmiMonitorID");
            json.writeBooleanField("Active", true);
            // The PnP parent's id is the laptop's graphics adapter: one per laptop (8 hex digits).
            json.writeFieldName("InstanceName");
            text.clear().append("DISPLAY\\").append(m.maker()).append(m.productCode()).append("\\5&")
                    .append(Long.toHexString(StableHash.of(hostSeed, m.uid()) & 0xFFFFFFFL | 0x10000000L)
                            .toLowerCase(java.util.Locale.ROOT))
                    .append("&0&UID").append(Integer.toString(m.uid())).append("_0").writeString(json);
            codes(json, "ManufacturerName", m.maker(), ID_WIDTH);
            codes(json, "ProductCodeID", m.productCode(), ID_WIDTH);
            codes(json, "SerialNumberID", m.serial(), ID_WIDTH);
            if (m.name() == null) {
                json.writeNullField("UserFriendlyName");
                json.writeNumberField("UserFriendlyNameLength", 0);
            } else {
                codes(json, "UserFriendlyName", m.name(), NAME_WIDTH);
                json.writeNumberField("UserFriendlyNameLength", NAME_WIDTH);
            }
            json.writeNumberField("WeekOfManufacture", m.week());
            json.writeNumberField("YearOfManufacture", m.year());
            out.end();
        }
    }

    /** Text as WMI gives EDID strings: UInt16 character codes, zero-padded to {@code width}. */
    private static void codes(JsonGenerator json, String field, String value, int width) throws IOException {
        json.writeArrayFieldStart(field);
        for (int i = 0; i < width; i++) {
            json.writeNumber(i < value.length() ? value.charAt(i) : 0);
        }
        json.writeEndArray();
    }
}
