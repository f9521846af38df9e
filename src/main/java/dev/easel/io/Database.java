package dev.easel.io;

import dev.easel.text.ExplainedSQLException;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's SQLite database. One connection, used under its own lock; WAL mode so a crash never leaves it
 * half-written. It holds the tables of several packages, each described and migrated by its own {@link Schema},
 * whose version is kept in the {@code schema_version} table.
 *
 * <p>Databases written before the packages owned their schemas carry one {@code user_version} for all tables; the
 * first open maps it to each schema's version ({@link Schema#legacyVersion}) and from then on each migrates alone.
 */
public final class Database implements AutoCloseable {

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens the database file (creating its folder and the file as needed) with these schemas, each migrated. */
    public static Database open(Path file, Schema... schemas) throws SQLException {
        Map<Schema, Integer> all = new LinkedHashMap<>();
        for (Schema s : schemas) {
            all.put(s, s.version());
        }
        return open(file, all);
    }

    /** Opens the file with each schema migrated to at most the version given: for tests of migrations. */
    public static Database open(Path file, Map<Schema, Integer> schemas) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ExplainedSQLException(Text.of("io.cantCreateFolder", file, e.getMessage()), e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        }
        Database db = new Database(c);
        try {
            for (var e : schemas.entrySet()) {
                db.migrate(e.getKey(), e.getValue());
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return db;
    }

    /** The version a schema is at in this file: 0 when none of its tables exist yet. */
    public synchronized int version(Schema schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (var q = connection.prepareStatement("SELECT version FROM schema_version WHERE name = ?")) {
                q.setString(1, schema.name());
                try (var rs = q.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
            }
            int legacy;
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                legacy = rs.next() ? rs.getInt(1) : 0;
            }
            return legacy == 0 ? 0 : schema.legacyVersion().applyAsInt(legacy);
        }
    }

    private synchronized void migrate(Schema schema, int target) throws SQLException {
        int version = version(schema);
        if (version > schema.version()) {
            throw new ExplainedSQLException(Text.of("io.newerDatabase", schema.name(), version));
        }
        if (version >= target) {
            setVersion(schema, version); // a legacy file's version, mapped, is written down once
            return;
        }
        for (int v = version; v < target; v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : schema.migrations().get(v)) {
                    s.execute(sql);
                }
                setVersion(schema, v + 1);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void setVersion(Schema schema, int version) throws SQLException {
        try (var s = connection.prepareStatement("INSERT INTO schema_version (name, version) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET version = excluded.version")) {
            s.setString(1, schema.name());
            s.setInt(2, version);
            s.executeUpdate();
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
