package dev.unravel.ingest.read;

import dev.unravel.core.json.JsonBytesParser;

/**
 * The fast path for one NDJSON line: {@link JsonBytesParser} with the ingest limits. The general
 * path in {@link JsonRecords} reads a line it declines; readers' shortcuts
 * ({@link JsonRecords.Shortcut}) pull the line's tokens from it.
 *
 * <p>One instance per file being read, not shared between threads (it keeps scratch space and
 * the field-name table).
 */
public final class JsonLineParser extends JsonBytesParser {

    public JsonLineParser(Limits limits) {
        super(limits.maxDepth(), limits.maxStringBytes());
    }
}
