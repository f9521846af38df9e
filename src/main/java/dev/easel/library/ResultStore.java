package dev.easel.library;

import dev.easel.io.Database;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.AtomicFiles;
import dev.easel.text.Text;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.ImageType;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.UiConverter;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes results to the output folder and indexes them: each image is written atomically under a name of its own
 * making (date, prompt words, seed), never the server's; PNGs get ComfyUI's and A1111's metadata spliced in; the
 * row in the index exists before the caller may call the job done.
 */
public final class ResultStore {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss", Locale.ROOT);

    private final Path outputDir;
    private final Database db;
    private final ZoneId zone;
    private final ThumbnailCache thumbnails;

    public ResultStore(Path outputDir, Database db, ZoneId zone) {
        this(outputDir, db, zone, null);
    }

    /** @param thumbnails where each saved image's thumbnail is made at once, or null for none */
    public ResultStore(Path outputDir, Database db, ZoneId zone, ThumbnailCache thumbnails) {
        this.outputDir = outputDir;
        this.db = db;
        this.zone = zone;
        this.thumbnails = thumbnails;
    }

    public Path outputDir() {
        return outputDir;
    }

    /** The SHA-256 of image bytes as received, hex. */
    public static String sourceHash(byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /**
     * The saved file of this Runpod job whose received bytes had this hash: the result of a job saved before Easel
     * stopped mid-save, or fetched again by a retry, is not saved twice.
     */
    public Optional<Path> savedFile(String runpodId, String sourceHash) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT path FROM images WHERE runpod_id=? AND source_sha256=? LIMIT 1")) {
                s.setString(1, runpodId);
                s.setString(2, sourceHash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Path.of(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** True when an image of this Runpod job, with these received bytes, is in the library already. */
    public boolean alreadyImported(String runpodId, String sourceHash) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM images WHERE runpod_id=? AND source_sha256=? LIMIT 1")) {
                s.setString(1, runpodId);
                s.setString(2, sourceHash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Saves one image and indexes it. */
    public Artwork save(ResultToSave r) throws LibraryException {
        ImageType type = ImageType.detect(r.image());
        if (type == ImageType.UNKNOWN) {
            throw new LibraryException(Text.of("library.save.notImage"));
        }
        if (type == ImageType.PNG && !PngChunks.isComplete(r.image())) {
            throw new LibraryException(Text.of("library.save.cutShort"));
        }
        int[] size = dimensions(r.image(), type);
        byte[] bytes = type == ImageType.PNG ? PngChunks.withText(r.image(), metadata(r)) : r.image();
        Path file;
        try {
            file = writeAtomically(baseName(r), type.extension(), bytes);
        } catch (IOException e) {
            throw new LibraryException(Text.of("library.save.cantWrite", outputDir, e.getMessage()), e);
        }
        Artwork saved;
        try {
            saved = index(r, file, size, bytes.length);
        } catch (SQLException e) {
            throw new LibraryException(Text.of("library.save.notIndexed", file.getFileName(), e.getMessage()), e);
        }
        if (thumbnails != null) {
            try {
                thumbnails.make(saved.id(), r.image());
            } catch (IOException | RuntimeException e) {
                // the gallery makes it again when it is first shown
                LoggerFactory.getLogger(ResultStore.class).warn("no thumbnail for {}", file, e);
            }
        }
        return saved;
    }

    /**
     * Draws a sweep's grid, saves it as a PNG whose {@code easel-grid} text lists the axes and links the cells, and
     * indexes it tagged "grid" with the sweep it shows.
     */
    public Artwork saveGrid(GridPicture.Grid g) throws LibraryException {
        byte[] bytes;
        try {
            GridPicture.Drawn drawn = GridPicture.draw(g);
            bytes = PngChunks.withText(drawn.png(), GridPicture.metadata(g, drawn.geometry()));
        } catch (IOException | RuntimeException e) {
            throw new LibraryException(Text.of("library.grid.notDrawn", String.valueOf(e.getMessage())), e);
        }
        String slug = slug(g.title(), 6);
        Path file;
        try {
            file = writeAtomically(STAMP.format(g.created().atZone(zone)) + "_grid" + (slug.isEmpty() ? "" : "_" + slug),
                    "png", bytes);
        } catch (IOException e) {
            throw new LibraryException(Text.of("library.save.cantWrite", outputDir, e.getMessage()), e);
        }
        int[] size = dimensions(bytes, ImageType.PNG);
        IndexRow row = new IndexRow(null, file, size[0], size[1], bytes.length, g.title(), "", null, "{}", null,
                g.endpointName(), null, null, null, 0, g.created().toEpochMilli(), sourceHash(bytes));
        long id;
        try {
            id = db.inTransaction(c -> {
                long rowId = row.insert(c);
                try (PreparedStatement s = c.prepareStatement("UPDATE images SET sweep=? WHERE id=?")) {
                    s.setString(1, g.sweepId());
                    s.setLong(2, rowId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO tags(image_id, tag) VALUES (?, ?)")) {
                    s.setLong(1, rowId);
                    s.setString(2, "grid");
                    s.executeUpdate();
                }
                return rowId;
            });
        } catch (SQLException e) {
            throw new LibraryException(Text.of("library.save.notIndexed", file.getFileName(), e.getMessage()), e);
        }
        if (thumbnails != null) {
            try {
                thumbnails.make(id, bytes);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(ResultStore.class).warn("no thumbnail for {}", file, e);
            }
        }
        return new Artwork(id, 0, file.toAbsolutePath(), size[0], size[1], bytes.length, g.title(), "", null, "{}",
                null, g.endpointName(), null, null, null, 0, g.created(), false);
    }

    /** The sweep a grid picture shows, or empty for any other picture. */
    public Optional<String> sweepOf(long imageId) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sweep FROM images WHERE id=?")) {
                s.setLong(1, imageId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** ComfyUI's {@code prompt} and {@code workflow}, A1111's {@code parameters}, and Easel's own {@code easel}. */
    static Map<String, String> metadata(ResultToSave r) {
        Map<String, String> m = new LinkedHashMap<>();
        if (r.sentWorkflow() != null) {
            m.put("prompt", WorkflowJson.compact(r.sentWorkflow()));
        }
        if (r.uiGraph() != null && r.sentWorkflow() instanceof ObjectNode sent) {
            // the editor graph with the values really used; left out when it no longer matches what was sent
            UiConverter.syncWidgets(r.uiGraph(), Workflow.of(sent.deepCopy()))
                    .ifPresent(ui -> m.put("workflow", WorkflowJson.compact(ui)));
        }
        String parameters = A1111Parameters.format(r.params());
        if (!parameters.isBlank()) { // a graph with nothing A1111 knows gets no empty chunk
            m.put("parameters", parameters);
        }
        ObjectNode easel = WorkflowJson.MAPPER.createObjectNode();
        easel.put("job_id", r.runpodId());
        easel.put("endpoint", r.endpointName());
        if (r.templateId() != null) {
            easel.put("template", r.templateId());
        }
        if (r.source() != null) {
            easel.put("source", r.source());
        }
        if (r.delay() != null) {
            easel.put("delay_ms", r.delay().toMillis());
        }
        if (r.execution() != null) {
            easel.put("execution_ms", r.execution().toMillis());
        }
        easel.put("cost_usd", r.cost());
        easel.put("created", r.created().toString());
        easel.put("source_sha256", sourceHash(r.image()));
        m.put("easel", WorkflowJson.compact(easel));
        return m;
    }

    private String baseName(ResultToSave r) {
        String slug = slug(String.valueOf(r.params().getOrDefault(Parameter.PROMPT, "")), 5);
        Object seed = r.params().get(Parameter.SEED);
        return STAMP.format(r.created().atZone(zone)) + (slug.isEmpty() ? "" : "_" + slug)
                + (seed == null ? "" : "_" + seed) + (r.index() > 0 ? "_" + (r.index() + 1) : "");
    }

    /** The first words of a prompt for a file name: lower-case ASCII letters and digits, dashes, 48 chars at most. */
    static String slug(String prompt, int words) {
        String plain = Normalizer.normalize(prompt == null ? "" : prompt, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        List<String> kept = new ArrayList<>();
        for (String w : plain.split("[^a-z0-9]+")) {
            if (!w.isBlank() && kept.size() < words) {
                kept.add(w);
            }
        }
        String slug = String.join("-", kept);
        return slug.length() > 48 ? slug.substring(0, 48) : slug;
    }

    private Path writeAtomically(String base, String ext, byte[] bytes) throws IOException {
        return AtomicFiles.createNew(outputDir, base, ext, bytes);
    }

    private Artwork index(ResultToSave r, Path file, int[] size, long length) throws SQLException {
        Map<Parameter, Object> p = r.params();
        ObjectNode params = WorkflowJson.MAPPER.createObjectNode();
        p.forEach((k, v) -> params.putPOJO(k.key(), v));
        String paramsJson = WorkflowJson.compact(params);
        Long seed = p.get(Parameter.SEED) instanceof Number n ? n.longValue() : null;
        String prompt = String.valueOf(p.getOrDefault(Parameter.PROMPT, ""));
        String negative = String.valueOf(p.getOrDefault(Parameter.NEGATIVE_PROMPT, ""));
        IndexRow row = new IndexRow(r.jobId() > 0 ? r.jobId() : null, file, size[0], size[1], length, prompt,
                negative, seed, paramsJson, r.templateId(), r.endpointName(), r.runpodId(),
                r.delay() == null ? null : r.delay().toMillis(), r.execution() == null ? null : r.execution().toMillis(),
                r.cost(), r.created().toEpochMilli(), sourceHash(r.image()));
        long id = db.with(row::insert);
        return new Artwork(id, r.jobId(), file.toAbsolutePath(), size[0], size[1], length,
                String.valueOf(p.getOrDefault(Parameter.PROMPT, "")),
                String.valueOf(p.getOrDefault(Parameter.NEGATIVE_PROMPT, "")), seed, paramsJson, r.templateId(),
                r.endpointName(), r.runpodId(), r.delay(), r.execution(), r.cost(), r.created(), false);
    }

    /** Newest first, at most {@code limit}. */
    public List<Artwork> newest(int limit) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM images ORDER BY created DESC, id DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<Artwork> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(read(rs));
                    }
                }
                return list;
            }
        });
    }

    static Artwork read(ResultSet rs) throws SQLException {
        long delay = rs.getLong("delay_ms");
        boolean noDelay = rs.wasNull();
        long exec = rs.getLong("exec_ms");
        boolean noExec = rs.wasNull();
        long seed = rs.getLong("seed");
        boolean noSeed = rs.wasNull();
        return new Artwork(rs.getLong("id"), rs.getLong("job_id"), Path.of(rs.getString("path")), rs.getInt("width"),
                rs.getInt("height"), rs.getLong("bytes"), rs.getString("prompt"), rs.getString("negative"),
                noSeed ? null : seed, rs.getString("params"), rs.getString("template"), rs.getString("endpoint"),
                rs.getString("runpod_id"), noDelay ? null : Duration.ofMillis(delay),
                noExec ? null : Duration.ofMillis(exec), rs.getDouble("cost"),
                Instant.ofEpochMilli(rs.getLong("created")), rs.getInt("favourite") != 0);
    }

    /** The most pixels a result may have: a 16384 × 16384 latent, ComfyUI's largest, decoded. */
    static final long MAX_PIXELS = 16384L * 16384L;

    static int[] dimensions(byte[] image, ImageType type) throws LibraryException {
        if (type == ImageType.PNG) {
            if (image.length < 33 || image[12] != 'I' || image[13] != 'H' || image[14] != 'D' || image[15] != 'R') {
                throw new LibraryException(Text.of("library.save.noIhdr"));
            }
            long w = readInt(image, 16) & 0xffffffffL;
            long h = readInt(image, 20) & 0xffffffffL;
            if (w == 0 || h == 0 || w * h > MAX_PIXELS) {
                throw new LibraryException(Text.of("library.save.headerClaims", w, h));
            }
            return new int[] {(int) w, (int) h};
        }
        if (type == ImageType.WEBP) { // the JDK has no WebP reader: the size its header declares
            int[] size = ExifText.webpSize(image).orElseThrow(() ->
                    new LibraryException(Text.of("library.save.badWebp")));
            if (size[0] <= 0 || size[1] <= 0 || (long) size[0] * size[1] > MAX_PIXELS) {
                throw new LibraryException(Text.of("library.save.claims", size[0], size[1]));
            }
            return size;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new int[] {0, 0};
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                    throw new LibraryException(Text.of("library.save.claims", w, h));
                }
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new LibraryException(Text.of("library.save.unreadable"), e);
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
