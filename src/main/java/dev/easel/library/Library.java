package dev.easel.library;

import dev.easel.io.Database;
import dev.easel.text.Refused;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image index as the gallery uses it: queries with filters and sorts, favourites, tags, deletion to the trash,
 * and the rescan that notices what changed on disk behind Easel's back.
 */
public final class Library {

    /** A tile's width and height (24 bits each), favourite, missing and no-seed flags, in one column. */
    private static final String SHAPE = "(min(i.width, 16777215) | (min(i.height, 16777215) << 24) "
            + "| ((i.favourite <> 0) << 48) | ((i.missing <> 0) << 49) | ((i.seed IS NULL) << 50))";
    private static final long SIDE = 0xffffff;
    private static final long FAVOURITE = 1L << 48;
    private static final long MISSING = 1L << 49;
    private static final long NO_SEED = 1L << 50;

    private final Database db;
    private final Path outputDir;
    private final ThumbnailCache thumbnails;
    private final ZoneId zone;
    private final JobIds jobIds;

    /** Finds the journal's id of a job by its Runpod id, for a picture found on disk; null when unknown. */
    @FunctionalInterface
    public interface JobIds {
        Long idOf(String runpodId) throws SQLException;
    }

    /** A library whose rescan links no picture to a job. */
    public Library(Database db, Path outputDir, ThumbnailCache thumbnails, ZoneId zone) {
        this(db, outputDir, thumbnails, zone, runpodId -> null);
    }

    public Library(Database db, Path outputDir, ThumbnailCache thumbnails, ZoneId zone, JobIds jobIds) {
        this.db = db;
        this.outputDir = outputDir;
        this.thumbnails = thumbnails;
        this.zone = zone;
        this.jobIds = jobIds;
    }

    public Path outputDir() {
        return outputDir;
    }

    public ThumbnailCache thumbnails() {
        return thumbnails;
    }

    /**
     * The images a query selects, in its order: all of them, as light tiles. Loading every tile of a large library is
     * what searching and opening the gallery wait on, and with sqlite-jdbc each column of each row is a native call:
     * the small columns come packed in one number ({@link #SHAPE}), the prompt is left out, the path is read as bytes
     * (together a third less time than every column on its own).
     */
    public List<Tile> tiles(LibraryQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT i.id, i.path, " + SHAPE + ", i.seed, i.created "
                + from(q, args) + " ORDER BY " + switch (q.sort()) {
                    case NEWEST -> "i.created DESC, i.id DESC";
                    case OLDEST -> "i.created ASC, i.id ASC";
                    case PROMPT -> "i.prompt COLLATE NOCASE ASC, i.created DESC";
                };
        return db.with(c -> {
            try (PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
                List<Tile> list = new ArrayList<>();
                while (rs.next()) {
                    long shape = rs.getLong(3);
                    long seed = rs.getLong(4);
                    // the path's bytes as one array: getString goes through a direct buffer made for each value
                    String path = new String(rs.getBytes(2), StandardCharsets.UTF_8);
                    list.add(new Tile(rs.getLong(1), path, (int) (shape & SIDE), (int) (shape >> 24 & SIDE),
                            (shape & NO_SEED) != 0 ? null : seed, (shape & FAVOURITE) != 0, (shape & MISSING) != 0,
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
                return list;
            }
        });
    }

    /** The prompts of some images, by id (an id not in the library is left out). */
    public Map<Long, String> prompts(Collection<Long> ids) throws SQLException {
        Map<Long, String> prompts = new HashMap<>();
        if (ids.isEmpty()) {
            return prompts;
        }
        String sql = "SELECT id, prompt FROM images WHERE id IN (" + String.join(",", Collections.nCopies(ids.size(),
                "?")) + ")";
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (long id : ids) {
                    s.setLong(i++, id);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        prompts.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return prompts;
            }
        });
    }

    /** How many images a query selects. */
    public int count(LibraryQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) " + from(q, args);
        return db.with(c -> {
            try (PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private String from(LibraryQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder("FROM images i");
        List<String> where = new ArrayList<>();
        String search = SearchText.where(q.text(), args);
        if (!search.isEmpty()) {
            where.add(search);
        }
        if (q.favouritesOnly()) {
            where.add("i.favourite = 1");
        }
        if (q.from() != null) {
            where.add("i.created >= ?");
            args.add(q.from().atStartOfDay(zone).toInstant().toEpochMilli());
        }
        if (q.to() != null) {
            where.add("i.created < ?");
            args.add(q.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        }
        if (LibraryQuery.present(q.template())) {
            where.add("i.template = ?");
            args.add(q.template());
        }
        if (LibraryQuery.present(q.endpoint())) {
            where.add("i.endpoint = ?");
            args.add(q.endpoint());
        }
        if (q.width() != null) {
            where.add("i.width = ?");
            args.add(q.width());
        }
        if (q.height() != null) {
            where.add("i.height = ?");
            args.add(q.height());
        }
        if (q.seed() != null) {
            where.add("i.seed = ?");
            args.add(q.seed());
        }
        if (LibraryQuery.present(q.tag())) {
            where.add("i.id IN (SELECT image_id FROM tags WHERE tag = ?)");
            args.add(q.tag().strip());
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.toString();
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
        return s;
    }

    /** One image with everything known of it. */
    public Optional<Artwork> artwork(long id) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM images WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(ResultStore.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Several images, in the order of the ids given (unknown ids are left out). */
    public List<Artwork> artworks(Collection<Long> ids) throws SQLException {
        List<Artwork> list = new ArrayList<>();
        for (long id : ids) {
            artwork(id).ifPresent(list::add);
        }
        return list;
    }

    /** The values the filters can offer. */
    public Facets facets() throws SQLException {
        return db.with(c -> new Facets(
                strings(c, "SELECT DISTINCT template FROM images WHERE template IS NOT NULL ORDER BY 1"),
                strings(c, "SELECT DISTINCT endpoint FROM images WHERE endpoint IS NOT NULL ORDER BY 1"),
                strings(c, "SELECT width || '×' || height FROM images GROUP BY width, height "
                        + "ORDER BY count(*) DESC, width, height"),
                strings(c, "SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE")));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> list = new ArrayList<>();
            while (rs.next()) {
                list.add(rs.getString(1));
            }
            return list;
        }
    }

    /** Marks images as favourites, or not. */
    public void setFavourite(Collection<Long> ids, boolean favourite) throws SQLException {
        forEach(ids, "UPDATE images SET favourite = ? WHERE id = ?", (s, id) -> {
            s.setInt(1, favourite ? 1 : 0);
            s.setLong(2, id);
        });
    }

    /** Adds a tag (trimmed; case-insensitive) to images. */
    public void addTag(Collection<Long> ids, String tag) throws SQLException {
        String t = cleanTag(tag);
        forEach(ids, "INSERT OR IGNORE INTO tags(image_id, tag) VALUES (?, ?)", (s, id) -> {
            s.setLong(1, id);
            s.setString(2, t);
        });
    }

    public void removeTag(Collection<Long> ids, String tag) throws SQLException {
        String t = cleanTag(tag);
        forEach(ids, "DELETE FROM tags WHERE image_id = ? AND tag = ?", (s, id) -> {
            s.setLong(1, id);
            s.setString(2, t);
        });
    }

    /** One statement per image, batched in one transaction. */
    private void forEach(Collection<Long> ids, String sql, Binder bind) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (long id : ids) {
                    bind.bind(s, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s, long id) throws SQLException;
    }

    private static String cleanTag(String tag) {
        String t = tag == null ? "" : tag.strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.length() > 64) {
            throw new Refused(Text.of("library.tag.length"));
        }
        return t;
    }

    /** The tags of one image, sorted. */
    public List<String> tags(long id) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tag FROM tags WHERE image_id = ? ORDER BY tag COLLATE NOCASE")) {
                s.setLong(1, id);
                List<String> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(rs.getString(1));
                    }
                }
                return list;
            }
        });
    }

    /** What a deletion did. */
    /** @param restorable the files Undo can put back (the freedesktop trash's; the desktop's own can't be) */
    public record Deleted(int removed, List<Text> problems, List<Trash.Trashed> restorable) { }

    /**
     * Moves the images' files to the trash and takes them out of the library. An image whose file can't be moved
     * stays, file and row, and is named in the problems; one whose file is already gone is just removed.
     */
    public Deleted delete(Collection<Long> ids, Trash trash) throws SQLException {
        int removed = 0;
        List<Text> problems = new ArrayList<>();
        List<Trash.Trashed> restorable = new ArrayList<>();
        for (long id : ids) {
            Optional<Artwork> a = artwork(id);
            if (a.isEmpty()) {
                continue;
            }
            try {
                Trash.Trashed t = trash.moveToTrash(a.get().file());
                if (t != null) {
                    restorable.add(t);
                }
            } catch (IOException e) {
                problems.add(Text.cause(e));
                continue;
            }
            db.with(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
                    s.setLong(1, id);
                    return s.executeUpdate();
                }
            });
            thumbnails.forget(id);
            removed++;
        }
        return new Deleted(removed, problems, List.copyOf(restorable));
    }

    /**
     * Undo of {@link #delete}: the files back where they were, then indexed again by a rescan (from their metadata,
     * as any picture in the folder is). Returns how many came back, and why the others didn't.
     */
    public Deleted restore(List<Trash.Trashed> files, Trash trash) throws SQLException {
        int back = 0;
        List<Text> problems = new ArrayList<>();
        for (Trash.Trashed t : files) {
            try {
                trash.restore(t);
                back++;
            } catch (IOException e) {
                problems.add(Text.cause(e));
            }
        }
        rescan();
        return new Deleted(back, problems, List.of());
    }

    /** What a rescan found. */
    public record Rescan(int added, int missing, int restored, int temporaryRemoved, List<String> unreadable) {
        public boolean changed() {
            return added > 0 || missing > 0 || restored > 0;
        }
    }

    /**
     * Brings the index in line with the output folder: files that vanished are marked missing (never dropped),
     * files that came back are unmarked, images in the folder (not its subfolders) that Easel didn't index (copied
     * in, or saved just before a crash) are added with what their embedded metadata says (Easel's, A1111's in PNG
     * text or EXIF, ComfyUI's graph), and Easel's own half-written temporary files are removed.
     */
    public Rescan rescan() throws SQLException {
        return rescan(Duration.ofMinutes(1));
    }

    /** @param tempAge how old a temporary file must be to be Easel's own leftover (younger ones may be in use) */
    Rescan rescan(Duration tempAge) throws SQLException {
        return new Rescanner(db, outputDir, jobIds).rescan(tempAge);
    }

}
