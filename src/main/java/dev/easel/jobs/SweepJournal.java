package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweeps in the journal's database: a sweep and the jobs of all its cells are written in one transaction, before
 * any of them is sent, so after a crash a sweep is there whole or not at all.
 */
public final class SweepJournal {

    /** A sweep just written, with its new jobs (a reused cell's job is not among them) and what they run. */
    public record Inserted(SweepRun run, List<Job> jobs, List<JobSpec> specs) { }

    private final JobJournal jobs;

    public SweepJournal(JobJournal jobs) {
        this.jobs = jobs;
    }

    /** Writes the sweep and a PENDING job for each of its cells that does not reuse a job. */
    public Inserted insert(Sweeps.Draft d, String id, JobEndpoint endpoint, Instant now) throws SQLException {
        return jobs.db().inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sweeps (id, endpoint_id, title, axes, base, "
                    + "created, shared_with) VALUES (?,?,?,?,?,?,?)")) {
                s.setString(1, id);
                s.setString(2, endpoint.endpointId());
                s.setString(3, d.title());
                s.setString(4, axesJson(d.axes(), d.spec()));
                s.setString(5, d.base() == null ? null : WorkflowJson.compact(d.base()));
                s.setLong(6, now.toEpochMilli());
                s.setString(7, d.sharedWith().isEmpty() ? null : idsJson(d.sharedWith()));
                s.executeUpdate();
            }
            List<Long> cells = new ArrayList<>();
            List<Job> made = new ArrayList<>();
            List<JobSpec> specs = new ArrayList<>();
            for (int i = 0; i < d.cells().size(); i++) {
                Long reused = d.reuse().get(i);
                long job;
                if (reused != null) {
                    job = reused;
                } else {
                    JobSpec spec = d.cells().get(i);
                    job = JobJournal.insertRow(c, spec, endpoint, now, JobPhase.PENDING, null, null);
                    made.add(JobJournal.inserted(job, spec, endpoint, now, JobPhase.PENDING, null, null));
                    specs.add(spec);
                }
                cell(c, id, i, job);
                cells.add(job);
            }
            SweepRun run = new SweepRun(id, endpoint.endpointId(), d.title(), d.axes(), d.spec(), d.base(), now, cells,
                    null, null, null, d.sharedWith());
            return new Inserted(run, made, specs);
        });
    }

    private static void cell(Connection c, String sweep, int cell, long job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sweep_cells (sweep_id, cell, job_id) VALUES (?,?,?)")) {
            s.setString(1, sweep);
            s.setInt(2, cell);
            s.setLong(3, job);
            s.executeUpdate();
        }
    }

    /**
     * Moves a job that was never sent to another endpoint (a shared sweep's cell routed to a free worker): journaled
     * with its new endpoint and a version one higher, only while it is still PENDING at {@code j}'s version.
     *
     * @return the moved job, or empty when the journal holds another version of it
     */
    Optional<Job> moveTo(Job j, JobEndpoint to) throws SQLException {
        Job moved = j.movedTo(to);
        boolean done = jobs.db().with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET endpoint=?, endpoint_id=?, "
                    + "price_per_second=?, version=? WHERE id=? AND version=? AND state='PENDING' AND runpod_id IS NULL")) {
                s.setString(1, to.name());
                s.setString(2, to.endpointId());
                s.setDouble(3, to.pricePerSecond());
                s.setLong(4, moved.version());
                s.setLong(5, j.id());
                s.setLong(6, j.version());
                return s.executeUpdate() == 1;
            }
        });
        return done ? Optional.of(moved) : Optional.empty();
    }

    /** The cells' jobs the journal has, by id. */
    Map<Long, Job> jobs(List<Long> ids) throws SQLException {
        return jobs.jobs(ids);
    }

    /** Records that the sweep ended, with its grid picture (or none). */
    public void end(String id, Path grid, Long image, Instant at) throws SQLException {
        jobs.db().with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sweeps SET grid=?, grid_image=?, ended=? WHERE id=?")) {
                s.setString(1, grid == null ? null : grid.toString());
                if (image != null) {
                    s.setLong(2, image);
                } else {
                    s.setNull(2, Types.INTEGER);
                }
                s.setLong(3, at.toEpochMilli());
                s.setString(4, id);
                return s.executeUpdate();
            }
        });
    }

    /** The endpoint's sweeps that have not ended, oldest first. */
    public List<SweepRun> unended(String endpointId) throws SQLException {
        return query("SELECT * FROM sweeps WHERE endpoint_id=? AND ended IS NULL ORDER BY created", endpointId);
    }

    /** Every endpoint's sweeps that have not ended and share their cells with other endpoints, oldest first. */
    public List<SweepRun> unendedShared() throws SQLException {
        return query("SELECT * FROM sweeps WHERE shared_with IS NOT NULL AND ended IS NULL ORDER BY created");
    }

    /** The jobs of these cells that were never sent (PENDING): after a restart, held until routed again. */
    public List<Long> unsent(List<Long> jobIds) throws SQLException {
        List<Long> out = new ArrayList<>();
        jobs.jobs(jobIds).forEach((id, j) -> {
            if (j.phase() == JobPhase.PENDING) {
                out.add(id);
            }
        });
        return out;
    }

    /** The newest sweeps of every endpoint, newest first. */
    public List<SweepRun> recent(int limit) throws SQLException {
        return query("SELECT * FROM sweeps ORDER BY created DESC LIMIT " + Math.max(0, limit));
    }

    /** The sweep whose grid picture is library image {@code imageId}. */
    public Optional<SweepRun> ofGrid(long imageId) throws SQLException {
        return query("SELECT * FROM sweeps WHERE grid_image=?", Long.toString(imageId)).stream().findFirst();
    }

    public Optional<SweepRun> get(String id) throws SQLException {
        return query("SELECT * FROM sweeps WHERE id=?", id).stream().findFirst();
    }

    /**
     * The sweep's cells that completed, by the graph they sent (compact JSON) → their job: what extending the
     * sweep need not send again ({@link SweepPlanner#draft}'s {@code earlier}).
     */
    public Map<String, Long> completedCells(String id) throws SQLException {
        return jobs.db().with(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT j.id, j.input FROM sweep_cells c JOIN jobs j "
                    + "ON j.id = c.job_id WHERE c.sweep_id=? AND j.state='COMPLETED'")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        try {
                            JsonNode wf = WorkflowJson.parse(rs.getString(2)).get("workflow");
                            if (wf != null) {
                                out.put(WorkflowJson.compact(wf), rs.getLong(1));
                            }
                        } catch (WorkflowException e) {
                            // a row that can't be read is sent again rather than guessed at
                        }
                    }
                }
            }
            return out;
        });
    }

    private List<SweepRun> query(String sql, String... args) throws SQLException {
        return jobs.db().with(c -> {
            List<SweepRun> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setString(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(c, rs));
                    }
                }
            }
            return out;
        });
    }

    private static SweepRun read(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<SweepRun.Axis> axes = new ArrayList<>();
        List<String> spec = new ArrayList<>();
        try {
            for (JsonNode a : WorkflowJson.parse(rs.getString("axes"))) {
                List<String> labels = new ArrayList<>();
                a.path("labels").forEach(l -> labels.add(l.asText()));
                axes.add(new SweepRun.Axis(a.path("name").asText(), labels));
                spec.add(a.path("spec").asText(""));
            }
        } catch (WorkflowException e) {
            throw new SQLException("the sweep " + id + " has axes that can't be read", e);
        }
        ObjectNode base = null;
        String baseJson = rs.getString("base");
        if (baseJson != null) {
            try {
                base = WorkflowJson.parse(baseJson) instanceof ObjectNode o ? o : null;
            } catch (WorkflowException e) {
                base = null; // the sweep still shows; it can't be re-opened in the studio
            }
        }
        String grid = rs.getString("grid");
        long image = rs.getLong("grid_image");
        Long gridImage = rs.wasNull() ? null : image;
        long ended = rs.getLong("ended");
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        List<Long> cells = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT job_id FROM sweep_cells WHERE sweep_id=? ORDER BY cell")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    cells.add(r.getLong(1));
                }
            }
        }
        List<String> shared = new ArrayList<>();
        String sharedJson = rs.getString("shared_with");
        if (sharedJson != null) {
            try {
                WorkflowJson.parse(sharedJson).forEach(e -> shared.add(e.asText()));
            } catch (WorkflowException e) {
                // its cells stay on the endpoints they are journaled on
            }
        }
        return new SweepRun(id, rs.getString("endpoint_id"), rs.getString("title"), axes, spec, base,
                Instant.ofEpochMilli(rs.getLong("created")), cells, grid == null ? null : Path.of(grid), gridImage,
                endedAt, shared);
    }

    private static String idsJson(List<String> ids) {
        ArrayNode out = WorkflowJson.MAPPER.createArrayNode();
        ids.forEach(out::add);
        return WorkflowJson.compact(out);
    }

    private static String axesJson(List<SweepRun.Axis> axes, List<String> spec) {
        ArrayNode out = WorkflowJson.MAPPER.createArrayNode();
        for (int i = 0; i < axes.size(); i++) {
            ObjectNode a = out.addObject();
            a.put("name", axes.get(i).name());
            a.put("spec", i < spec.size() ? spec.get(i) : "");
            ArrayNode labels = a.putArray("labels");
            axes.get(i).labels().forEach(labels::add);
        }
        return WorkflowJson.compact(out);
    }
}
