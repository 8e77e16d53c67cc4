package dev.unravel.core.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every substitution value type written as evtx_dump writes it, on a log built byte by byte: a
 * template {@code <Event><EventData><Data Name="…">%n</Data>…</EventData></Event>} defined in the
 * record and filled with one value of each type (the regression logs hold only a few of them).
 */
class BinXmlValuesTest {

    /** A chunk under construction: little-endian, positions are chunk offsets. */
    private static final class Chunk {
        final ByteBuffer b = ByteBuffer.allocate(EvtxFile.CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        Chunk u8(int v) {
            b.put((byte) v);
            return this;
        }

        Chunk u16(int v) {
            b.putShort((short) v);
            return this;
        }

        Chunk u32(long v) {
            b.putInt((int) v);
            return this;
        }

        Chunk u64(long v) {
            b.putLong(v);
            return this;
        }

        Chunk bytes(byte[] v) {
            b.put(v);
            return this;
        }

        /** A name stored where it is first used: its offset (which is the next byte), then the string. */
        Chunk name(String n) {
            u32(b.position() + 4);
            u32(0).u16(0).u16(n.length()).bytes(n.getBytes(StandardCharsets.UTF_16LE)).u16(0);
            return this;
        }
    }

    private record Value(String name, int type, byte[] data) {
    }

    private static byte[] le(int bytes, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        return java.util.Arrays.copyOf(b.array(), bytes);
    }

    /** A SYSTEMTIME: eight little-endian shorts. */
    private static byte[] systemTime(int... fields) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : fields) {
            b.putShort((short) f);
        }
        return b.array();
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** Writes a template's elements (between the fragment header and the end of the fragment). */
    @FunctionalInterface
    private interface Body {
        void write(Chunk c);
    }

    /** {@code <Event><EventData><Data Name="…">%n</Data>…</EventData></Event>}, one Data per value. */
    private static Body namedData(List<Value> values) {
        return c -> {
            c.u8(0x01).u16(0).u32(0).name("Event").u8(0x02);
            c.u8(0x01).u16(0).u32(0).name("EventData").u8(0x02);
            for (int i = 0; i < values.size(); i++) {
                c.u8(0x41).u16(0).u32(0).name("Data").u32(0);
                c.u8(0x06).name("Name").u8(0x05).u8(0x01).u16(values.get(i).name.length())
                        .bytes(utf16(values.get(i).name));
                c.u8(0x02).u8(0x0E).u16(i).u8(values.get(i).type).u8(0x04);
            }
            c.u8(0x04).u8(0x04);
        };
    }

    private static byte[] log(List<Value> values) {
        return log(namedData(values), values);
    }

    /** An element holding text written in place. */
    private static void text(Chunk c, String name, String text) {
        c.u8(0x01).u16(0).u32(0).name(name).u8(0x02);
        c.u8(0x05).u8(0x01).u16(text.length()).bytes(utf16(text)).u8(0x04);
    }

    /** One record: the template (defined in place) and {@code values}, in a log of one chunk. */
    private static byte[] log(Body body, List<Value> values) {
        Chunk c = new Chunk();
        c.b.put("ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
        c.b.position(512);
        int record = 512;
        c.u32(0x2a2a).u32(0).u64(1).u64(0); // mark, size (later), record id, written time
        c.u8(0x0F).u8(1).u8(1).u8(0);
        c.u8(0x0C).u8(1).u32(7).u32(c.b.position() + 4); // template instance, defined right here
        c.u32(0).bytes(new byte[16]);
        int sizeAt = c.b.position();
        c.u32(0);
        int start = c.b.position();
        c.u8(0x0F).u8(1).u8(1).u8(0);
        body.write(c);
        c.u8(0x00);
        c.b.putInt(sizeAt, c.b.position() - start);
        c.u32(values.size());
        for (Value v : values) {
            c.u16(v.data.length).u8(v.type).u8(0);
        }
        for (Value v : values) {
            c.bytes(v.data);
        }
        int size = c.b.position() + 4 - record;
        c.u32(size);
        c.b.putInt(record + 4, size);
        c.b.putInt(48, c.b.position()); // free space starts after the record
        byte[] file = new byte[4096 + EvtxFile.CHUNK];
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 8);
        file[40] = 0x00;
        file[41] = 0x10; // header block size 4096
        System.arraycopy(c.b.array(), 0, file, 4096, EvtxFile.CHUNK);
        return file;
    }

    private static String json(byte[] log) throws IOException {
        List<String> out = new ArrayList<>();
        EvtxFile.read(new ByteArrayInputStream(log), new EvtxFile.Visitor() {
            @Override
            public void record(long ordinal, long recordId, byte[] json) {
                out.add(new String(json, StandardCharsets.UTF_8));
            }

            @Override
            public void bad(long ordinal, long recordId, String reason) {
                out.add("BAD " + reason);
            }
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void everyValueType_isWrittenAsEvtxDumpWritesIt() throws IOException {
        byte[] sid = {1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, (byte) 0xE8, 3, 0, 0, 0x10, 0x27, 0, 0, 1, 2, 0, 0,
            (byte) 0xF4, 1, 0, 0};
        byte[] guid = {0x5F, 0x38, 0x70, 0x57, 0x2A, (byte) 0xC2, (byte) 0xE0, 0x43, (byte) 0xBF, 0x4C, 0x06,
            (byte) 0xF5, 0x69, (byte) 0x8F, (byte) 0xFB, (byte) 0xD9};
        long filetime = 116_444_736_000_000_000L + 1_764_229_210_165_324_7L; // 2025-11-27T07:40:10.1653247Z
        List<Value> values = List.of(
                new Value("Text", 0x01, utf16("C:\\Windows\\cmd.exe \"quoted\"\0")),
                new Value("Ansi", 0x02, "plain\0".getBytes(StandardCharsets.US_ASCII)),
                new Value("Int8", 0x03, le(1, -5)),
                new Value("UInt8", 0x04, le(1, 250)),
                new Value("Int16", 0x05, le(2, -300)),
                new Value("UInt16", 0x06, le(2, 65000)),
                new Value("Int32", 0x07, le(4, -70000)),
                new Value("UInt32", 0x08, le(4, 4_000_000_000L)),
                new Value("Int64", 0x09, le(8, -5_000_000_000L)),
                new Value("UInt64", 0x0A, le(8, -1L)),
                new Value("Real64", 0x0C, le(8, Double.doubleToLongBits(2.5))),
                new Value("Bool", 0x0D, le(4, 1)),
                new Value("Binary", 0x0E, new byte[] {0x0A, (byte) 0xFF, 0x10}),
                new Value("Guid", 0x0F, guid),
                new Value("FileTime", 0x11, le(8, filetime)),
                new Value("SysTime", 0x12, systemTime(2025, 11, 4, 27, 7, 40, 10, 165)),
                new Value("Sid", 0x13, sid),
                new Value("HexInt32", 0x14, le(4, 0x1F4)),
                new Value("HexInt64", 0x15, le(8, 0x529ae3)),
                new Value("Strings", 0x81, utf16("one\0two\0")),
                new Value("Empty", 0x00, new byte[0]),
                new Value("Last", 0x01, utf16("end")));
        assertThat(json(log(values))).isEqualTo("{\"Event\":{\"EventData\":{"
                + "\"Text\":\"C:\\\\Windows\\\\cmd.exe \\\"quoted\\\"\",\"Ansi\":\"plain\",\"Int8\":-5,\"UInt8\":250,"
                + "\"Int16\":-300,\"UInt16\":65000,\"Int32\":-70000,\"UInt32\":4000000000,\"Int64\":-5000000000,"
                + "\"UInt64\":18446744073709551615,\"Real64\":2.5,\"Bool\":true,\"Binary\":\"0AFF10\","
                + "\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\",\"FileTime\":\"2025-11-27T07:40:10.165324Z\","
                + "\"SysTime\":\"2025-11-27T07:40:10.165000Z\","
                + "\"Sid\":\"S-1-5-21-1000-10000-513-500\",\"HexInt32\":\"0x1f4\",\"HexInt64\":\"0x529ae3\","
                + "\"Strings\":[\"one\",\"two\"],\"Empty\":null,\"Last\":\"end\"}}}");
    }

    @Test
    void aValueOfTheWrongSize_isAReportedRecord_notACrash() throws IOException {
        String out = json(log(List.of(new Value("Int32", 0x07, le(2, 5)))));
        assertThat(out).startsWith("BAD record 1").contains("a value of type 0x07 has 2 bytes");
    }

    @Test
    void unnamedDataIsAList_andANameMetAgainIsNumbered() throws IOException {
        List<Value> values = List.of(new Value("", 0x01, utf16("svchost.exe")), new Value("", 0x01, utf16("10.0")),
                new Value("", 0x0E, new byte[] {0x0A, (byte) 0xFF}));
        Body body = c -> {
            c.u8(0x01).u16(0).u32(0).name("Event").u8(0x02);
            c.u8(0x01).u16(0).u32(0).name("EventData").u8(0x02);
            for (int i = 0; i < 2; i++) { // Application Error 1000 style: <Data>…</Data><Data>…</Data>
                c.u8(0x01).u16(0).u32(0).name("Data").u8(0x02).u8(0x0E).u16(i).u8(0x01).u8(0x04);
            }
            c.u8(0x01).u16(0).u32(0).name("Binary").u8(0x02).u8(0x0E).u16(2).u8(0x0E).u8(0x04);
            c.u8(0x04);
            c.u8(0x01).u16(0).u32(0).name("UserData").u8(0x02);
            c.u8(0x01).u16(0).u32(0).name("Info").u8(0x02);
            text(c, "Header", "HTTP/1.1 200 OK");
            text(c, "Header", "Content-Length: 813");
            text(c, "Header", "Connection: close");
            c.u8(0x04).u8(0x04);
            c.u8(0x04);
        };
        assertThat(json(log(body, values))).isEqualTo("{\"Event\":{\"EventData\":{\"Data\":[\"svchost.exe\",\"10.0\"],"
                + "\"Binary\":\"0AFF\"},\"UserData\":{\"Info\":{\"Header\":\"HTTP/1.1 200 OK\","
                + "\"Header_1\":\"Content-Length: 813\",\"Header_2\":\"Connection: close\"}}}}");
    }
}
