package dev.unravel.core.evtx;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a Windows XML event log file ({@code .evtx}, "ElfFile") record by record and hands each
 * record on as the JSON document {@code evtx_dump -o jsonl} (github.com/omerbenamram/evtx) writes
 * for it, so that every reader of evtx_dump JSON reads binary logs too, with the same field names
 * and value types.
 *
 * <p>The file is a 4 KiB header and then chunks of 64 KiB ("ElfChnk"), read in order from a
 * stream: nothing is held but the chunk being read. Each chunk has its own string and template
 * tables, so a damaged chunk costs only its own records. Unused chunks (all zeros, as a log that
 * has not filled its preallocated space leaves them) are passed over silently; a chunk or record
 * that cannot be decoded is reported to the visitor with its position and the reason, and reading
 * goes on with the next. Checksums are not verified: a log copied from a live system often has
 * a stale one, and the structure is checked as it is decoded instead.
 *
 * <p>The layout follows Microsoft's [MS-EVEN6] BinXml description and Joachim Metz's libevtx
 * documentation of the file format.
 */
public final class EvtxFile {
    /** Chunk size: every chunk of every .evtx file. */
    static final int CHUNK = 65536;
    /** Where the first record of a chunk starts: after the header and the string and template tables. */
    private static final int FIRST_RECORD = 512;
    private static final int RECORD_HEADER = 24;

    private static final byte[] FILE_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    private static final byte[] CHUNK_MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    private EvtxFile() {
    }

    /** What reading a file produces. */
    public interface Visitor {
        /**
         * One record, decoded.
         *
         * @param ordinal  its position among the records of the file, from 1
         * @param recordId the record's EventRecordID
         * @param json     the record as one line of evtx_dump JSON, UTF-8, without the line end
         */
        void record(long ordinal, long recordId, byte[] json);

        /**
         * A record, or a whole chunk, that could not be decoded. A chunk counts as one record: its
         * records cannot be counted.
         *
         * @param ordinal  the record's position among the records of the file (for a chunk: the
         *                 position its first record would have had)
         * @param recordId the record's EventRecordID, or −1 when unknown
         * @param reason   what is wrong and where (chunk number, byte offset in the file)
         */
        void bad(long ordinal, long recordId, String reason);
    }

    /** Whether {@code head} (the first bytes of a file) starts as an .evtx file does. */
    public static boolean isEvtx(byte[] head) {
        return head.length >= FILE_MAGIC.length && Arrays.equals(head, 0, FILE_MAGIC.length, FILE_MAGIC, 0,
                FILE_MAGIC.length);
    }

    /**
     * Reads every record of the .evtx file in {@code in}; throws only when the stream fails or
     * does not start with the file header.
     */
    public static void read(InputStream in, Visitor visitor) throws IOException {
        byte[] header = in.readNBytes(4096);
        if (!isEvtx(header)) {
            throw new IOException("is not a Windows event log: it does not start with \"ElfFile\"");
        }
        if (header.length < 4096) {
            throw new IOException("is cut short: " + header.length + " bytes, less than the 4096-byte file header");
        }
        int headerBlock = u16(header, 40); // 4096 in every file seen; skip whatever more it claims
        if (headerBlock > 4096) {
            in.skipNBytes(Math.min(headerBlock - 4096L, 1L << 20));
        }
        long fileOffset = Math.max(4096, headerBlock);
        byte[] chunk = new byte[CHUNK];
        BinXml decoder = new BinXml();
        long ordinal = 0;
        for (int chunkNo = 1; ; chunkNo++, fileOffset += CHUNK) {
            int n = in.readNBytes(chunk, 0, CHUNK);
            if (n == 0) {
                return;
            }
            if (n < CHUNK) {
                if (!allZero(chunk, n)) {
                    visitor.bad(++ordinal, -1, "chunk " + chunkNo + " at byte " + fileOffset + " is cut short: "
                            + n + " of " + CHUNK + " bytes; its records are not read");
                }
                return;
            }
            if (!Arrays.equals(chunk, 0, CHUNK_MAGIC.length, CHUNK_MAGIC, 0, CHUNK_MAGIC.length)) {
                if (!allZero(chunk, CHUNK)) {
                    visitor.bad(++ordinal, -1, "chunk " + chunkNo + " at byte " + fileOffset
                            + " does not start with \"ElfChnk\"; its records are not read");
                }
                continue;
            }
            ordinal = readChunk(chunk, chunkNo, fileOffset, ordinal, decoder, visitor);
        }
    }

    /** Reads the records of one chunk; returns the ordinal of the last record reported. */
    private static long readChunk(byte[] chunk, int chunkNo, long fileOffset, long ordinal, BinXml decoder,
            Visitor visitor) {
        decoder.startChunk(chunk);
        long end = Math.min(u32(chunk, 48), CHUNK); // the free space starts after the last record
        int pos = FIRST_RECORD;
        while (pos + RECORD_HEADER <= end) {
            if (u32(chunk, pos) != 0x00002a2aL) {
                visitor.bad(ordinal + 1, -1, "chunk " + chunkNo + ": no record at byte " + (fileOffset + pos)
                        + " (expected the record mark 2a 2a 00 00); the rest of the chunk is not read");
                return ordinal + 1;
            }
            long size = u32(chunk, pos + 4);
            long recordId = u64(chunk, pos + 8);
            ordinal++;
            if (size < RECORD_HEADER + 4 || pos + size > CHUNK) {
                visitor.bad(ordinal, recordId, "chunk " + chunkNo + ": record at byte " + (fileOffset + pos)
                        + " claims " + size + " bytes, which do not fit the chunk; the rest of the chunk is not read");
                return ordinal;
            }
            byte[] json;
            try {
                json = decoder.record(pos + RECORD_HEADER, (int) (pos + size - 4));
            } catch (BinXml.Malformed | RuntimeException e) {
                visitor.bad(ordinal, recordId, "record " + recordId + " (chunk " + chunkNo + ", byte "
                        + (fileOffset + pos) + "): " + e.getMessage());
                pos += (int) size;
                continue;
            }
            visitor.record(ordinal, recordId, json);
            pos += (int) size;
        }
        return ordinal;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
