package dev.easel.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/** One row of the image index, as written: by a finished job, or by a rescan that found a file. */
record IndexRow(Long jobId, Path file, int width, int height, long bytes, String prompt, String negative, Long seed,
                String paramsJson, String template, String endpoint, String runpodId, Long delayMs, Long execMs,
                double cost, long createdMillis, String sourceSha256) {

    long insert(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO images (job_id, path, width, height, bytes, "
                + "prompt, negative, seed, params, template, endpoint, runpod_id, delay_ms, exec_ms, cost, created, "
                + "source_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            setLong(s, 1, jobId);
            s.setString(2, file.toAbsolutePath().toString());
            s.setInt(3, width);
            s.setInt(4, height);
            s.setLong(5, bytes);
            s.setString(6, prompt == null ? "" : prompt);
            s.setString(7, negative == null ? "" : negative);
            setLong(s, 8, seed);
            s.setString(9, paramsJson == null ? "{}" : paramsJson);
            s.setString(10, template);
            s.setString(11, endpoint);
            s.setString(12, runpodId);
            setLong(s, 13, delayMs);
            setLong(s, 14, execMs);
            s.setDouble(15, cost);
            s.setLong(16, createdMillis);
            s.setString(17, sourceSha256);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, v);
        }
    }
}
