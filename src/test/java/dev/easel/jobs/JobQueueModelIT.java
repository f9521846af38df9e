package dev.easel.jobs;

import dev.easel.api.JobState;
import dev.easel.api.RunpodException.Kind;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;

import static dev.easel.jobs.FakeRunpod.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A randomised model test: many seeded runs of random server progress, faults on every operation, user actions
 * (submit, cancel, retry) and kill -9 restarts, checking after every step and at the end that
 * <ul>
 *   <li>no job is sent twice unless the user asked (each send-again retry allows one more),</li>
 *   <li>no job cancelled before it was sent is ever sent,</li>
 *   <li>every image of every completed job is on disk exactly once,</li>
 *   <li>a terminal state never changes, and memory equals the journal (after restarts too),</li>
 *   <li>every job ends within Runpod's retention plus a bound once the server stops moving.</li>
 * </ul>
 */
class JobQueueModelIT {

    @TempDir
    Path dir;

    private static final int RUNS = 30;
    private static final int STEPS = 250;

    @Test
    void invariantsHoldOverThousandsOfRandomSteps() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Path d = Files.createDirectories(dir.resolve("run" + run));
            try (JobQueueHarness h = new JobQueueHarness(d)) {
                new Model(h, new SplittableRandom(1000 + run), "seed " + (1000 + run)).run();
            }
        }
    }

    private static final class Model {
        private final JobQueueHarness h;
        private final SplittableRandom rnd;
        private final String name;
        /** Sends the user allowed per marker: one per submit and per "send again" retry. */
        private final Map<String, Integer> allowed = new HashMap<>();
        private final Map<Long, String> markerOf = new HashMap<>();
        private final Map<Long, Job> ended = new HashMap<>();
        private int markers;

        Model(JobQueueHarness h, SplittableRandom rnd, String name) {
            this.h = h;
            this.rnd = rnd;
            this.name = name;
        }

        void run() throws Exception {
            for (int step = 0; step < STEPS; step++) {
                try {
                    act();
                    moveServer();
                    h.run(Duration.ofMillis(200 + rnd.nextInt(3000)), 1);
                } catch (FakeRunpod.Killed killed) {
                    h.restart();
                }
                check();
            }
            // the end: faults stop, the server finishes what it has, the clock runs past retention + the bound
            h.runpod.clearFaults();
            for (int i = 0; i < 200; i++) {
                for (FakeRunpod.ServerJob j : List.copyOf(h.runpod.jobs.values())) {
                    h.runpod.move(j.id, rnd.nextBoolean() ? JobState.COMPLETED : JobState.FAILED, 1000);
                }
                h.run(Duration.ofSeconds(30), 1);
                check();
            }
            assertThat(h.queue.jobs()).as(name + ": every job ended").allMatch(j -> j.phase().isTerminal());
            check();
        }

        private void act() throws Exception {
            int a = rnd.nextInt(100);
            List<Job> jobs = h.queue.jobs();
            if (a < 12) {
                String marker = "m" + markers++;
                Job j = h.queue.submit(JobQueueHarness.spec(marker));
                allowed.merge(marker, 1, Integer::sum);
                markerOf.put(j.id(), marker);
            } else if (a < 18 && !jobs.isEmpty()) {
                Job j = jobs.get(rnd.nextInt(jobs.size()));
                try {
                    h.queue.cancel(j.id()).join();
                } catch (CompletionException refused) {
                    killedIn(refused); // else a cancel Runpod refused: said to the user, and the queue keeps asking
                }
            } else if (a < 22 && !jobs.isEmpty()) {
                Job j = jobs.get(rnd.nextInt(jobs.size()));
                if (j.phase().isTerminal() && j.phase() != JobPhase.COMPLETED) {
                    Job again;
                    try {
                        again = h.queue.retry(j.id()).join();
                    } catch (CompletionException e) {
                        killedIn(e);
                        throw e;
                    }
                    String marker = markerOf.get(j.id());
                    markerOf.put(again.id(), marker);
                    if (again.phase() == JobPhase.PENDING) {
                        allowed.merge(marker, 1, Integer::sum); // the user asked to send it again
                    }
                }
            } else if (a < 30) {
                injectFault();
            }
        }

        /** A kill -9 during a command reaches the test wrapped by the command's future: it kills the process. */
        private static void killedIn(CompletionException e) {
            if (e.getCause() instanceof FakeRunpod.Killed k) {
                throw k;
            }
        }

        private void injectFault() {
            String[] ops = {"run", "status", "cancel", "retry"};
            String op = ops[rnd.nextInt(ops.length)];
            FakeRunpod.Fault f = switch (rnd.nextInt(10)) {
                case 9 -> new FakeRunpod.Fail(error(op.equals("run") ? Kind.SUBMISSION_UNKNOWN : Kind.SERVER_ERROR,
                        500)); // on /run: an answer that leaves it open whether the job was created (it wasn't)
                case 0 -> new FakeRunpod.Fail(error(Kind.SERVER_ERROR, 503));
                case 1 -> new FakeRunpod.Fail(error(Kind.RATE_LIMITED, 429));
                case 2 -> new FakeRunpod.Fail(error(Kind.NETWORK, 0));
                case 3 -> new FakeRunpod.Fail(error(Kind.TIMEOUT, 0));
                case 4 -> new FakeRunpod.Fail(error(Kind.BAD_RESPONSE, 200));
                case 5 -> op.equals("run") ? new FakeRunpod.CreatedThenFail(error(Kind.SUBMISSION_UNKNOWN, 0))
                        : new FakeRunpod.Fail(error(Kind.JOB_NOT_FOUND, 404));
                case 6 -> new FakeRunpod.Crash(rnd.nextBoolean());
                case 7 -> new FakeRunpod.Fail(error(Kind.BAD_REQUEST, 405));
                default -> new FakeRunpod.Answer(() -> WorkflowJson.MAPPER.createObjectNode()
                        .put("status", "WEIRD"));
            };
            if (f instanceof FakeRunpod.Answer && !op.equals("status")) {
                return;
            }
            h.runpod.fail(op, f);
        }

        private void moveServer() {
            for (FakeRunpod.ServerJob j : List.copyOf(h.runpod.jobs.values())) {
                int r = rnd.nextInt(100);
                if (j.state == JobState.IN_QUEUE && r < 30) {
                    h.runpod.move(j.id, JobState.IN_PROGRESS, 0);
                } else if (j.state == JobState.IN_PROGRESS && r < 25) {
                    j.images = 1 + rnd.nextInt(2);
                    h.runpod.move(j.id, r < 20 ? JobState.COMPLETED : r < 23 ? JobState.FAILED : JobState.TIMED_OUT,
                            500 + rnd.nextInt(5000));
                }
            }
        }

        private void check() throws Exception {
            // sent no more often than the user asked
            for (var e : allowed.entrySet()) {
                assertThat(h.runpod.created(e.getKey())).as(name + ": sends of " + e.getKey())
                        .isLessThanOrEqualTo(e.getValue());
            }
            for (Job j : h.queue.jobs()) {
                Job disk = h.journaled(j.id());
                // memory equals the journal
                assertThat(disk.phase()).as(name + ": phase of " + j.id()).isEqualTo(j.phase());
                assertThat(disk.version()).as(name + ": version of " + j.id()).isEqualTo(j.version());
                assertThat(disk.runpodId()).isEqualTo(j.runpodId());
                assertThat(disk.outcome()).isEqualTo(j.outcome());
                if (j.phase().isTerminal()) {
                    Job first = ended.putIfAbsent(j.id(), j);
                    if (first != null) {
                        assertThat(j.version()).as(name + ": a terminal job never changes (" + j.id() + ")")
                                .isEqualTo(first.version());
                        assertThat(j.phase()).isEqualTo(first.phase());
                    }
                }
                // a job cancelled before it had an id never reached Runpod through that row
                if (j.phase() == JobPhase.CANCELLED && j.runpodId() == null) {
                    assertThat(disk.runpodId()).isNull();
                }
                if (j.phase() == JobPhase.COMPLETED) {
                    assertThat(j.files()).as(name + ": files of " + j.id()).allMatch(Files::exists);
                    FakeRunpod.ServerJob s = h.runpod.job(j.runpodId());
                    if (s != null) {
                        assertThat(j.files()).as(name + ": every image of " + j.runpodId()).hasSize(s.images);
                    }
                }
            }
            // every image saved exactly once per Runpod job
            int duplicates = h.db.with(c -> {
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM (SELECT runpod_id, source_sha256, COUNT(*) n "
                        + "FROM images GROUP BY runpod_id, source_sha256 HAVING n > 1)"); var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(duplicates).as(name + ": images saved twice").isZero();
            List<Path> onDisk = new ArrayList<>();
            Path out = h.results.outputDir();
            if (Files.isDirectory(out)) {
                try (var files = Files.list(out)) {
                    files.filter(f -> !f.getFileName().toString().startsWith(".")).forEach(onDisk::add);
                }
            }
            int indexed = h.db.with(c -> {
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM images"); var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(onDisk).as(name + ": files on disk = images indexed").hasSize(indexed);
        }
    }
}
