package dev.easel.jobs;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.RunPolicy;
import dev.easel.library.ResultStore;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowJson;
import dev.easel.testing.TestClock;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job queue driven by hand: a fake Runpod, a clock the test moves, work run on the calling thread and a tick
 * the test calls; "restart" drops the queue as a kill -9 would and makes a new one on the same journal.
 */
final class JobQueueHarness implements AutoCloseable {

    final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeRunpod runpod = new FakeRunpod(clock, JobQueue.RETENTION);
    final Database db;
    final JobJournal journal;
    final ResultStore results;
    private final ScheduledExecutorService unusedScheduler = Executors.newSingleThreadScheduledExecutor();
    JobQueue queue;

    JobQueueHarness(Path dir) throws SQLException {
        db = Databases.open(dir.resolve("easel.db"));
        journal = new JobJournal(db);
        results = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
        queue = newQueue();
    }

    private JobQueue newQueue() throws SQLException {
        JobQueue q = new JobQueue(journal, results, new JobEndpoint("Fake", runpod, 0.001), Runnable::run,
                unusedScheduler, clock, PollPlanner.fixed(Duration.ofSeconds(1)), 4);
        q.resume();
        return q;
    }

    /** The process dies and starts again: nothing in memory survives, the journal does. */
    void restart() throws SQLException {
        queue = newQueue();
    }

    void tick() {
        queue.tick();
    }

    /** Moves the clock and ticks, {@code times} times. */
    void run(Duration step, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(step);
            queue.tick();
        }
    }

    Job job(long id) {
        return queue.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
    }

    Job journaled(long id) throws SQLException {
        return journal.get(id).job();
    }

    /** Memory and journal agree on everything the journal keeps. */
    void assertJournalMatches(long id) throws SQLException {
        Job mem = job(id);
        Job disk = journaled(id);
        assertThat(disk.phase()).as("phase of job %d", id).isEqualTo(mem.phase());
        assertThat(disk.version()).as("version of job %d", id).isEqualTo(mem.version());
        assertThat(disk.runpodId()).isEqualTo(mem.runpodId());
        assertThat(disk.outcome()).isEqualTo(mem.outcome());
        assertThat(disk.timings()).isEqualTo(mem.timings());
    }

    static JobSpec spec(String marker) {
        ObjectNode input = WorkflowJson.MAPPER.createObjectNode();
        input.put("marker", marker);
        ObjectNode wf = input.putObject("workflow");
        ObjectNode ks = wf.putObject("3");
        ks.put("class_type", "KSampler");
        ks.putObject("inputs").put("seed", 1).put("steps", 4).put("cfg", 1.0).put("sampler_name", "euler")
                .put("scheduler", "simple").put("denoise", 1.0);
        Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
        params.put(Parameter.PROMPT, "prompt " + marker);
        params.put(Parameter.SEED, 1L);
        return new JobSpec(input, null, params, null, RunPolicy.DEFAULT);
    }

    @Override
    public void close() throws Exception {
        unusedScheduler.shutdownNow();
        db.close();
    }
}
