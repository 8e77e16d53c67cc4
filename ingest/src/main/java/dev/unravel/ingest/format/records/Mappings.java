package dev.unravel.ingest.format.records;

import dev.unravel.ingest.read.Reader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column-mapping files of one run ({@code --mapping FILE}, repeatable): each becomes a reader of
 * the export it describes, consulted before the built-in formats when a file is recognised, and
 * selectable by its id ({@code hr-employees@workday}) with {@code --format}.
 *
 * <p>Wiring: {@code Mappings m = Mappings.load(paths);} then
 * {@code new Ingest(forced, limits, quarantine, events, errorsKept).extraReaders(m.readers())}; for
 * {@code --format ID} look the id up in {@code m.byId(id)} before {@code Formats.byId(id)}.
 */
public final class Mappings {
    public static final Mappings NONE = new Mappings(List.of());

    private final List<Mapping> mappings;

    private Mappings(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** Loads and checks every file; the first bad one throws with its file, line and problem. */
    public static Mappings load(List<Path> files) throws MappingException {
        List<Mapping> out = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (Path f : files) {
            String name = f.toString();
            String text;
            try {
                if (Files.size(f) > Mapping.MAX_CHARS * 4L) {
                    throw new MappingException(name, 0, 0, "is larger than " + Mapping.MAX_CHARS
                            + " characters; a mapping file is a few lines");
                }
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new MappingException(name, 0, 0, "is not UTF-8 text");
            } catch (IOException e) {
                throw new MappingException(name, 0, 0, Files.exists(f) ? "cannot be read: " + e.getMessage()
                        : "does not exist");
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            Mapping m = Mapping.parse(name, text);
            String before = ids.putIfAbsent(m.readerId(), name);
            if (before != null) {
                throw new MappingException(name, 0, 0, "gives the reader id " + m.readerId() + " that " + before
                        + " already gives; rename one of the files");
            }
            out.add(m);
        }
        return new Mappings(out);
    }

    /** Mappings already parsed (tests, embedding). */
    public static Mappings of(List<Mapping> mappings) {
        return new Mappings(mappings);
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /** One reader per mapping, to be consulted before the built-in formats. */
    public List<Reader> readers() {
        List<Reader> readers = new ArrayList<>();
        for (Mapping m : mappings) {
            readers.add(m.reader());
        }
        return List.copyOf(readers);
    }

    /** The reader of the mapping with this reader id ({@code hr-employees@workday}). */
    public java.util.Optional<Reader> byId(String id) {
        return readers().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }
}
