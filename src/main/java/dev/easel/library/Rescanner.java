package dev.easel.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.Database;
import dev.easel.text.ExplainedSQLException;
import dev.easel.text.Text;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.ImageType;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PngText;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowFormat;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The library's rescan: brings the index in line with the output folder (see {@link Library#rescan()}), reading
 * what each new file carries: Easel's metadata, A1111's parameters in PNG text or EXIF, or ComfyUI's graph.
 */
final class Rescanner {

    private static final Logger log = LoggerFactory.getLogger(Rescanner.class);
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");

    private final Database db;
    private final Path outputDir;
    private final Library.JobIds jobIds;

    Rescanner(Database db, Path outputDir, Library.JobIds jobIds) {
        this.db = db;
        this.outputDir = outputDir;
        this.jobIds = jobIds;
    }

    /** @param tempAge how old a temporary file must be to be Easel's own leftover (younger ones may be in use) */
    Library.Rescan rescan(Duration tempAge) throws SQLException {
        Map<String, long[]> known = new HashMap<>(); // path -> {id, missing}
        db.with(c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, path, missing FROM images")) {
                while (rs.next()) {
                    known.put(rs.getString(2), new long[] {rs.getLong(1), rs.getInt(3)});
                }
            }
            return null;
        });
        // the folder's names, read once: an indexed file listed there exists, without a stat per image (at 20,000
        // images the stats were most of the rescan); only files not listed (missing, or kept elsewhere) are asked
        // about one by one. The folder itself, not its subfolders: Easel saves there, and an output folder set to a
        // whole Pictures folder must not pull in every photo below it.
        List<Path> files = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        if (Files.isDirectory(outputDir)) {
            try (var dir = Files.newDirectoryStream(outputDir)) {
                for (Path f : dir) {
                    files.add(f);
                    listed.add(f.toAbsolutePath().toString());
                }
            } catch (IOException | DirectoryIteratorException e) {
                throw new ExplainedSQLException(Text.of("library.rescan.cantRead", outputDir, e.getMessage()), e);
            }
            files.sort(null);
        }
        List<Long> nowMissing = new ArrayList<>();
        List<Long> back = new ArrayList<>();
        for (var e : known.entrySet()) {
            boolean exists = listed.contains(e.getKey()) || Files.isRegularFile(Path.of(e.getKey()));
            if (!exists && e.getValue()[1] == 0) {
                nowMissing.add(e.getValue()[0]);
            } else if (exists && e.getValue()[1] != 0) {
                back.add(e.getValue()[0]);
            }
        }
        setMissing(nowMissing, true);
        setMissing(back, false);
        int added = 0;
        int temps = 0;
        List<String> unreadable = new ArrayList<>();
        if (!files.isEmpty()) {
            Set<String> seen = new HashSet<>(known.keySet());
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(".easel-") && name.endsWith(".tmp")) {
                    if (olderThan(f, tempAge)) {
                        try {
                            Files.deleteIfExists(f);
                            temps++;
                        } catch (IOException e) {
                            log.warn("can't remove the temporary file {}", f, e);
                        }
                    }
                    continue;
                }
                String abs = f.toAbsolutePath().toString();
                if (seen.contains(abs) || !IMAGE_EXTENSIONS.contains(extension(name)) || name.startsWith(".")
                        || !Files.isRegularFile(f)) {
                    continue;
                }
                try {
                    IndexRow row = rowFromFile(f);
                    db.with(row::insert);
                    seen.add(abs);
                    added++;
                } catch (IOException e) {
                    unreadable.add(name + ": " + e.getMessage());
                } catch (RuntimeException e) { // a damaged file is skipped, never the end of the rescan
                    log.warn("rescan: {} can't be read", f, e);
                    unreadable.add(name + ": damaged (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        return new Library.Rescan(added, nowMissing.size(), back.size(), temps, unreadable);
    }


    private void setMissing(List<Long> ids, boolean missing) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE images SET missing = ? WHERE id = ?")) {
                for (long id : ids) {
                    s.setInt(1, missing ? 1 : 0);
                    s.setLong(2, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }


    private static boolean olderThan(Path f, Duration age) {
        try {
            return !Files.getLastModifiedTime(f).toInstant().isAfter(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** An index row for a file found on disk, from what it carries: Easel's, A1111's or ComfyUI's metadata. */
    private IndexRow rowFromFile(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        ImageType type = ImageType.detect(bytes);
        if (type == ImageType.UNKNOWN) {
            throw new IOException("not an image");
        }
        if (type == ImageType.PNG && !PngChunks.isComplete(bytes)) {
            throw new IOException("the image is cut short");
        }
        int[] size;
        try {
            size = ResultStore.dimensions(bytes, type);
        } catch (LibraryException e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<String, String> text = Map.of();
        if (type == ImageType.PNG) {
            try {
                text = PngText.read(bytes);
            } catch (WorkflowException e) {
                text = Map.of(); // no readable text: index the picture alone
            }
        } else if (type == ImageType.JPEG || type == ImageType.WEBP) {
            text = ExifText.read(bytes);
        }
        Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
        if (text.get("parameters") != null) {
            params.putAll(A1111Parameters.parse(text.get("parameters")).values());
        } else if (text.get("prompt") != null) {
            params.putAll(valuesOfGraph(text.get("prompt")));
        }
        JsonNode easel = json(text.get("easel"));
        ObjectNode paramsJson = WorkflowJson.MAPPER.createObjectNode();
        params.forEach((k, v) -> paramsJson.putPOJO(k.key(), v));
        String runpodId = textOrNull(easel, "job_id");
        Long jobId = runpodId == null ? null : jobOf(runpodId);
        long created = Files.getLastModifiedTime(f).toMillis();
        if (easel != null && easel.hasNonNull("created")) {
            try {
                created = Instant.parse(easel.get("created").asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // keep the file's time
            }
        }
        return new IndexRow(jobId, f, size[0], size[1], bytes.length, str(params.get(Parameter.PROMPT)),
                str(params.get(Parameter.NEGATIVE_PROMPT)),
                params.get(Parameter.SEED) instanceof Number n ? n.longValue() : null,
                WorkflowJson.compact(paramsJson), textOrNull(easel, "template"), textOrNull(easel, "endpoint"),
                runpodId, longOrNull(easel, "delay_ms"), longOrNull(easel, "execution_ms"),
                easel == null ? 0 : easel.path("cost_usd").asDouble(0), created, textOrNull(easel, "source_sha256"));
    }

    private Long jobOf(String runpodId) throws IOException {
        try {
            return jobIds.idOf(runpodId);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The parameter values a ComfyUI API graph binds (ComfyUI-made PNGs carry only the graph). */
    static Map<Parameter, Object> valuesOfGraph(String prompt) {
        Map<Parameter, Object> values = new EnumMap<>(Parameter.class);
        try {
            JsonNode api = WorkflowJson.parse(prompt);
            if (WorkflowFormat.detect(api) != WorkflowFormat.API) {
                return values;
            }
            var wf = Workflow.of((ObjectNode) api);
            var bindings = ParameterBinder.bind(wf);
            for (Parameter p : Parameter.values()) {
                bindings.value(wf, p).ifPresent(v -> values.put(p, v.isNumber() ? v.numberValue()
                        : v.isTextual() ? v.asText() : v.toString()));
            }
        } catch (WorkflowException | RuntimeException e) {
            // not a graph Easel understands: the image is indexed without its parameters
        }
        return values;
    }

    private static JsonNode json(String s) {
        if (s == null) {
            return null;
        }
        try {
            JsonNode n = WorkflowJson.parse(s);
            return n.isObject() ? n : null;
        } catch (WorkflowException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Long longOrNull(JsonNode n, String field) {
        return n != null && n.path(field).canConvertToLong() && n.get(field).isNumber() ? n.get(field).asLong() : null;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
