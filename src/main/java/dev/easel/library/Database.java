package dev.easel.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * The app's SQLite database: the job journal and the image index. One connection, used under its own lock;
 * WAL mode so a crash never leaves it half-written; the schema migrates by {@code user_version}.
 */
public final class Database implements AutoCloseable {

    /** Each entry migrates from version i to i + 1: its statements, run in one transaction. */
    private static final List<List<String>> MIGRATIONS = List.of(statements("""
            CREATE TABLE jobs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              runpod_id TEXT,
              endpoint TEXT NOT NULL,
              endpoint_id TEXT NOT NULL,
              state TEXT NOT NULL,
              input TEXT NOT NULL,
              params TEXT NOT NULL,
              template TEXT,
              ui_graph TEXT,
              seed INTEGER,
              created INTEGER NOT NULL,
              submitted INTEGER,
              finished INTEGER,
              delay_ms INTEGER,
              exec_ms INTEGER,
              error TEXT,
              error_detail TEXT,
              price_per_second REAL NOT NULL DEFAULT 0,
              cleared INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX jobs_state ON jobs(state);
            CREATE TABLE images (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              job_id INTEGER REFERENCES jobs(id),
              path TEXT NOT NULL UNIQUE,
              width INTEGER NOT NULL,
              height INTEGER NOT NULL,
              bytes INTEGER NOT NULL,
              prompt TEXT NOT NULL DEFAULT '',
              negative TEXT NOT NULL DEFAULT '',
              seed INTEGER,
              params TEXT NOT NULL DEFAULT '{}',
              template TEXT,
              endpoint TEXT,
              runpod_id TEXT,
              delay_ms INTEGER,
              exec_ms INTEGER,
              cost REAL,
              created INTEGER NOT NULL,
              favourite INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX images_created ON images(created DESC)
            """),
            // version 2: full-text search over prompts, kept in step by triggers
            List.of("CREATE VIRTUAL TABLE images_fts USING fts5(prompt, negative, content='images', content_rowid='id')",
                    "INSERT INTO images_fts(rowid, prompt, negative) SELECT id, prompt, negative FROM images",
                    """
                    CREATE TRIGGER images_ai AFTER INSERT ON images BEGIN
                      INSERT INTO images_fts(rowid, prompt, negative) VALUES (new.id, new.prompt, new.negative);
                    END""",
                    """
                    CREATE TRIGGER images_ad AFTER DELETE ON images BEGIN
                      INSERT INTO images_fts(images_fts, rowid, prompt, negative)
                        VALUES ('delete', old.id, old.prompt, old.negative);
                    END""",
                    """
                    CREATE TRIGGER images_au AFTER UPDATE OF prompt, negative ON images BEGIN
                      INSERT INTO images_fts(images_fts, rowid, prompt, negative)
                        VALUES ('delete', old.id, old.prompt, old.negative);
                      INSERT INTO images_fts(rowid, prompt, negative) VALUES (new.id, new.prompt, new.negative);
                    END"""),
            // version 3: the hash of the bytes as received, so a job saved again after a crash is not saved twice
            List.of("ALTER TABLE images ADD COLUMN source_sha256 TEXT",
                    "CREATE INDEX images_job_source ON images(job_id, source_sha256)"),
            // version 4: files gone from disk are marked, not dropped; tags; indexes for the gallery's filters
            List.of("ALTER TABLE images ADD COLUMN missing INTEGER NOT NULL DEFAULT 0",
                    """
                    CREATE TABLE tags (
                      image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                      tag TEXT NOT NULL COLLATE NOCASE,
                      PRIMARY KEY (image_id, tag)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX tags_tag ON tags(tag)",
                    "CREATE INDEX images_favourite ON images(favourite, created DESC)",
                    "CREATE INDEX images_prompt ON images(prompt COLLATE NOCASE)",
                    "CREATE INDEX images_seed ON images(seed)"),
            // version 5: the job state machine journals every change: a version that only grows, the note, the
            // files, whether a retry can fetch the kept result, a cancel still being asked for, the job it retries
            List.of("ALTER TABLE jobs ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN note TEXT",
                    "ALTER TABLE jobs ADD COLUMN files TEXT",
                    "ALTER TABLE jobs ADD COLUMN started INTEGER",
                    "ALTER TABLE jobs ADD COLUMN result_kept INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN retry_of INTEGER",
                    "CREATE INDEX jobs_runpod_id ON jobs(runpod_id)"),
            // version 6: the file a job's graph was imported from, for its pictures' metadata
            List.of("ALTER TABLE jobs ADD COLUMN imported_from TEXT"));

    private static List<String> statements(String script) {
        return Arrays.stream(script.split(";")).filter(s -> !s.isBlank()).toList();
    }

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating and migrating as needed) the database file. */
    public static Database open(Path file) throws SQLException {
        return open(file, MIGRATIONS.size());
    }

    /** Opens the file migrated to at most {@code version}: for tests of migrations. */
    static Database open(Path file, int version) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SQLException("Can't create the folder for " + file + ": " + e.getMessage(), e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
        }
        Database db = new Database(c);
        db.migrate(version);
        return db;
    }

    private synchronized void migrate(int target) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new SQLException("This database was written by a newer Easel (schema " + version
                    + "); update Easel to open it.");
        }
        for (int v = version; v < target; v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Work with the connection under the database's lock. */
    public synchronized <T> T with(SqlWork<T> work) throws SQLException {
        return work.run(connection);
    }

    /** Like {@link #with}, in one transaction. */
    public synchronized <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    public int schemaVersion() {
        return MIGRATIONS.size();
    }

    /** One piece of work on the connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
