package dev.easel.jobs;

import dev.easel.io.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.RunPolicy;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The job journal in the app's database: every job is written here before it is sent, and kept up to date. */
public final class JobJournal {

    /** A journaled job: its last known state and what it was asked to run. */
    public record Entry(Job job, String endpointId, JobSpec spec) { }

    private final Database db;

    public JobJournal(Database db) {
        this.db = db;
    }

    /** Writes a new job (PENDING) and returns it with its id. */
    public Job insert(JobSpec spec, JobEndpoint endpoint, Instant now) throws SQLException {
        return insert(spec, endpoint, now, JobPhase.PENDING, null, null);
    }

    /**
     * Writes a new job in {@code phase} and returns it with its id.
     *
     * @param runpodId the Runpod job it follows (a retry that fetches a kept result), or null
     * @param retryOf  the job it retries, or null
     */
    public Job insert(JobSpec spec, JobEndpoint endpoint, Instant now, JobPhase phase, String runpodId, Long retryOf)
            throws SQLException {
        long id = db.with(c -> insertRow(c, spec, endpoint, now, phase, runpodId, retryOf));
        return inserted(id, spec, endpoint, now, phase, runpodId, retryOf);
    }

    /** The database the journal writes to: for {@link SweepJournal}, which writes a sweep and its jobs together. */
    Database db() {
        return db;
    }

    /** Writes a new job's row on {@code c} (in the caller's transaction) and returns its id. */
    static long insertRow(Connection c, JobSpec spec, JobEndpoint endpoint, Instant now, JobPhase phase,
                          String runpodId, Long retryOf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (endpoint, endpoint_id, state, input, params, "
                + "template, ui_graph, seed, created, price_per_second, runpod_id, retry_of, imported_from, "
                + "low_priority, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, endpoint.name());
            s.setString(2, endpoint.endpointId());
            s.setString(3, phase.name());
            s.setString(4, WorkflowJson.compact(spec.input()));
            s.setString(5, paramsJson(spec.params()));
            s.setString(6, spec.templateId());
            s.setString(7, spec.uiGraph() == null ? null : WorkflowJson.compact(spec.uiGraph()));
            if (spec.seed() != null) {
                s.setLong(8, spec.seed());
            } else {
                s.setNull(8, Types.INTEGER);
            }
            s.setLong(9, now.toEpochMilli());
            s.setDouble(10, endpoint.pricePerSecond());
            s.setString(11, runpodId);
            if (retryOf != null) {
                s.setLong(12, retryOf);
            } else {
                s.setNull(12, Types.INTEGER);
            }
            s.setString(13, spec.importedFrom());
            s.setInt(14, spec.lowPriority() ? 1 : 0);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The job just written by {@link #insertRow}. */
    static Job inserted(long id, JobSpec spec, JobEndpoint endpoint, Instant now, JobPhase phase, String runpodId,
                        Long retryOf) {
        var about = new Job.About(endpoint.name(), endpoint.endpointId(), spec.prompt(), spec.seed(),
                endpoint.pricePerSecond(), retryOf);
        return new Job(id, 1, phase, runpodId, about, Job.Timings.createdAt(now), Job.Outcome.NONE, Job.Live.NONE);
    }

    /**
     * Records a job's current state, unless the journal already holds a newer version of it (an older write never
     * lands after a newer one).
     *
     * @return whether it was written
     */
    public boolean update(Job j) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET runpod_id=?, state=?, submitted=?, finished=?, "
                    + "delay_ms=?, exec_ms=?, error=?, error_detail=?, note=?, files=?, started=?, result_kept=?, "
                    + "cancel_requested=?, version=?, error_text=?, note_text=? WHERE id=? AND version<?")) {
                s.setString(1, j.runpodId());
                s.setString(2, j.phase().name());
                setInstant(s, 3, j.submitted());
                setInstant(s, 4, j.finished());
                setDuration(s, 5, j.delay());
                setDuration(s, 6, j.execution());
                s.setString(7, TextColumn.words(j.error()));
                s.setString(8, j.errorDetail());
                s.setString(9, TextColumn.words(j.note()));
                s.setString(10, j.files().isEmpty() ? null : filesJson(j.files()));
                setInstant(s, 11, j.started());
                s.setInt(12, j.outcome().resultKept() ? 1 : 0);
                s.setInt(13, j.outcome().cancelRequested() ? 1 : 0);
                s.setLong(14, j.version());
                s.setString(15, TextColumn.json(j.error()));
                s.setString(16, TextColumn.json(j.note()));
                s.setLong(17, j.id());
                s.setLong(18, j.version());
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * What the GPU time of the jobs that ended at or after {@code since} cost (execution time × the price the job
     * was sent at), cleared from view or not. A fetch of a result again was journaled at price 0.
     */
    public double spentSince(Instant since) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(exec_ms * price_per_second), 0) "
                    + "FROM jobs WHERE finished >= ? AND exec_ms IS NOT NULL")) {
                s.setLong(1, since.toEpochMilli());
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getDouble(1) / 1000.0 : 0.0;
                }
            }
        });
    }

    /** What Easel estimated for one endpoint's jobs that ended in a time range, and what they made. */
    public record Tally(double estimated, int jobs, int pictures) { }

    /**
     * The estimated cost (execution time × price), the jobs that ran and the pictures saved, of the jobs sent to
     * {@code endpointId} that ended in {@code [from, to)}. A fetch of a result again was journaled at price 0.
     */
    public Tally tally(String endpointId, Instant from, Instant to) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT exec_ms, price_per_second, files FROM jobs "
                    + "WHERE endpoint_id = ? AND finished >= ? AND finished < ? AND exec_ms IS NOT NULL")) {
                s.setString(1, endpointId);
                s.setLong(2, from.toEpochMilli());
                s.setLong(3, to.toEpochMilli());
                double cost = 0;
                int jobs = 0;
                int pictures = 0;
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        cost += rs.getLong(1) / 1000.0 * rs.getDouble(2);
                        jobs++;
                        pictures += files(rs.getString(3)).size();
                    }
                }
                return new Tally(cost, jobs, pictures);
            }
        });
    }

    /** The id of the job Runpod knows as {@code runpodId}, or null when the journal has none. */
    public Long idOfRunpodJob(String runpodId) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM jobs WHERE runpod_id = ? LIMIT 1")) {
                s.setString(1, runpodId);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
    }

    /** Hides finished jobs from the queue view; they stay in the journal. */
    public void clear(List<Long> ids) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET cleared=1 WHERE id=?")) {
                for (long id : ids) {
                    s.setLong(1, id);
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    /**
     * What the queue shows after a start, oldest first: every unfinished job however old or many (each must be
     * resumed), and the newest {@code limit} finished ones not cleared from view.
     */
    public List<Entry> visible(int limit) throws SQLException {
        return db.with(c -> {
            String finished = JobPhase.terminalNames();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM jobs WHERE state NOT IN (" + finished + ") "
                    + "UNION SELECT * FROM (SELECT * FROM jobs WHERE cleared=0 AND state IN (" + finished + ") "
                    + "ORDER BY id DESC LIMIT ?) ORDER BY id")) {
                s.setInt(1, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    public Entry get(long id) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM jobs WHERE id=?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no job " + id);
                    }
                    return read(rs);
                }
            }
        });
    }

    /** The journal's jobs of these ids, by id, in one query; an id it has no job for is left out. */
    public Map<Long, Job> jobs(Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String list = ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        return db.with(c -> {
            Map<Long, Job> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM jobs WHERE id IN (SELECT value FROM json_each(?))")) {
                s.setString(1, list);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Job j = read(rs).job();
                        out.put(j.id(), j);
                    }
                }
            }
            return out;
        });
    }

    /** A finished job's execution time and parameters, to learn how long jobs take. */
    public record Timing(Duration execution, Map<Parameter, Object> params) { }

    /** The last finished jobs on an endpoint, newest first. */
    public List<Timing> recentTimings(String endpointId, int n) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT exec_ms, params FROM jobs WHERE endpoint_id=? "
                    + "AND state='COMPLETED' AND exec_ms IS NOT NULL ORDER BY id DESC LIMIT ?")) {
                s.setString(1, endpointId);
                s.setInt(2, n);
                List<Timing> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Timing(Duration.ofMillis(rs.getLong(1)), params(rs.getString(2))));
                    }
                }
                return out;
            }
        });
    }

    private static Entry read(ResultSet rs) throws SQLException {
        Map<Parameter, Object> params = params(rs.getString("params"));
        JsonNode ui = null;
        ObjectNode input;
        try {
            input = (ObjectNode) WorkflowJson.parse(rs.getString("input"));
            String u = rs.getString("ui_graph");
            ui = u == null ? null : WorkflowJson.parse(u);
        } catch (WorkflowException | ClassCastException e) {
            throw new SQLException("job " + rs.getLong("id") + " has a damaged request in the journal", e);
        }
        long seed = rs.getLong("seed");
        Long seedValue = rs.wasNull() ? null : seed;
        long retryOf = rs.getLong("retry_of");
        Long retryOfValue = rs.wasNull() ? null : retryOf;
        JobSpec spec = new JobSpec(input, ui, params, rs.getString("template"), rs.getString("imported_from"),
                rs.getInt("low_priority") != 0 ? JobSpec.LOW_PRIORITY : RunPolicy.DEFAULT);
        var about = new Job.About(rs.getString("endpoint"), rs.getString("endpoint_id"), spec.prompt(), seedValue,
                rs.getDouble("price_per_second"), retryOfValue);
        var timings = new Job.Timings(instant(rs, "created"), instant(rs, "submitted"), instant(rs, "started"),
                instant(rs, "finished"), duration(rs, "delay_ms"), duration(rs, "exec_ms"));
        var outcome = new Job.Outcome(TextColumn.read(rs.getString("error_text"), rs.getString("error")),
                rs.getString("error_detail"), TextColumn.read(rs.getString("note_text"), rs.getString("note")),
                files(rs.getString("files")), rs.getInt("result_kept") != 0, rs.getInt("cancel_requested") != 0);
        JobPhase phase;
        try {
            phase = JobPhase.valueOf(rs.getString("state"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("job " + rs.getLong("id") + " has an unknown state in the journal", e);
        }
        Job job = new Job(rs.getLong("id"), rs.getLong("version"), phase, rs.getString("runpod_id"), about, timings,
                outcome, Job.Live.NONE);
        return new Entry(job, rs.getString("endpoint_id"), spec);
    }

    private static String filesJson(List<Path> files) {
        var a = WorkflowJson.MAPPER.createArrayNode();
        files.forEach(f -> a.add(f.toString()));
        return WorkflowJson.compact(a);
    }

    private static List<Path> files(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            WorkflowJson.parse(json).forEach(n -> out.add(Path.of(n.asText())));
            return out;
        } catch (WorkflowException | RuntimeException e) {
            return List.of(); // the files are in the library either way
        }
    }

    static String paramsJson(Map<Parameter, Object> params) {
        ObjectNode o = WorkflowJson.MAPPER.createObjectNode();
        params.forEach((k, v) -> o.set(k.key(), WorkflowJson.MAPPER.valueToTree(v)));
        return WorkflowJson.compact(o);
    }

    static Map<Parameter, Object> params(String json) throws SQLException {
        Map<Parameter, Object> out = new EnumMap<>(Parameter.class);
        try {
            JsonNode o = WorkflowJson.parse(json);
            for (Parameter p : Parameter.values()) {
                JsonNode v = o.get(p.key());
                if (v != null && !v.isNull()) {
                    out.put(p, v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong()
                            : v.isNumber() ? (Object) v.decimalValue() : v.toString());
                }
            }
        } catch (WorkflowException e) {
            throw new SQLException("damaged parameters in the journal", e);
        }
        return out;
    }

    private static void setInstant(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, t.toEpochMilli());
        }
    }

    private static void setDuration(PreparedStatement s, int i, Duration d) throws SQLException {
        if (d == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, d.toMillis());
        }
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Duration duration(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Duration.ofMillis(v);
    }
}
