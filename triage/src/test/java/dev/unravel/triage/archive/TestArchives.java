package dev.unravel.triage.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds real archives in memory for the tests. */
final class TestArchives {

    private TestArchives() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A zip written by commons-compress, deflated, entries in the map's order. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        return zip(Map.of(name, content));
    }

    static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            map.put((String) nameThenContent[i], content instanceof String s ? utf8(s) : (byte[]) content);
        }
        return map;
    }

    /** Writes {@code count} zero bytes without holding them. */
    static void zeros(OutputStream out, long count) throws IOException {
        byte[] block = new byte[1 << 16];
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static String gitBlob(byte[] content) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    /**
     * A zip assembled byte by byte, for what commons-compress will not write: encrypted entries
     * (the general-purpose bit 0, AES method 99) and unknown compression methods. Data is stored
     * as given.
     */
    static final class HandZip {
        private static final int ENCRYPTED = 1;
        private final List<Object[]> entries = new ArrayList<>();

        HandZip stored(String name, byte[] data) {
            entries.add(new Object[] {name, 0, 0, data, new byte[0]});
            return this;
        }

        /** ZipCrypto: the 12-byte encryption header and the cipher text are opaque bytes here. */
        HandZip zipCrypto(String name, byte[] cipherText) {
            entries.add(new Object[] {name, ENCRYPTED, 8, cipherText, new byte[0]});
            return this;
        }

        /** WinZip AES (AE-2, 256 bits): method 99 and the 0x9901 extra field naming deflate. */
        HandZip aes(String name, byte[] cipherText) {
            ByteBuffer extra = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
            extra.putShort((short) 0x9901).putShort((short) 7).putShort((short) 2).put((byte) 'A').put((byte) 'E')
                    .put((byte) 3).putShort((short) 8);
            entries.add(new Object[] {name, ENCRYPTED, 99, cipherText, extra.array()});
            return this;
        }

        /** The local header says one name, the central directory another (a spoofing trick). */
        HandZip spoofed(String localName, String centralName, byte[] data) {
            entries.add(new Object[] {localName, 0, 0, data, new byte[0], centralName});
            return this;
        }

        HandZip method(String name, int method, byte[] data) {
            entries.add(new Object[] {name, 0, method, data, new byte[0]});
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream local = new ByteArrayOutputStream();
            ByteArrayOutputStream central = new ByteArrayOutputStream();
            for (Object[] e : entries) {
                byte[] name = utf8((String) e[0]);
                int flags = (int) e[1];
                int method = (int) e[2];
                byte[] data = (byte[]) e[3];
                byte[] extra = (byte[]) e[4];
                CRC32 crc = new CRC32();
                crc.update(data);
                int offset = local.size();
                ByteBuffer header = le(30 + name.length + extra.length);
                header.putInt(0x04034b50).putShort((short) 20).putShort((short) flags).putShort((short) method)
                        .putShort((short) 0).putShort((short) 0x5B21) // 2025-09-01
                        .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                        .putShort((short) name.length).putShort((short) extra.length).put(name).put(extra);
                local.writeBytes(header.array());
                local.writeBytes(data);
                name = e.length > 5 ? utf8((String) e[5]) : name;
                ByteBuffer record = le(46 + name.length + extra.length);
                record.putInt(0x02014b50).putShort((short) 0x031E).putShort((short) 20).putShort((short) flags)
                        .putShort((short) method).putShort((short) 0).putShort((short) 0x5B21)
                        .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                        .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0)
                        .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name).put(extra);
                central.writeBytes(record.array());
            }
            ByteBuffer end = le(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                    .putShort((short) entries.size()).putInt(central.size()).putInt(local.size()).putShort((short) 0);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(local.toByteArray());
            all.writeBytes(central.toByteArray());
            all.writeBytes(end.array());
            return all.toByteArray();
        }

        private static ByteBuffer le(int size) {
            return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
