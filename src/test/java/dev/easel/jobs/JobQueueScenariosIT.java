package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.JobState;
import dev.easel.api.RunpodException.Kind;
import dev.easel.api.RunpodException;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.workflow.PngText;
import dev.easel.workflow.WorkflowJson;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static dev.easel.jobs.FakeRunpod.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job queue step by step against a fake Runpod, a clock moved by hand and a tick called by the test: the
 * journal is checked after every step (a change is journaled before it takes effect).
 */
class JobQueueScenariosIT {

    @TempDir
    Path dir;
    private JobQueueHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new JobQueueHarness(dir);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void aLowPriorityJobIsSentSoAfterARestartToo() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("lp").withLowPriority(true));
        h.restart(); // killed before it was sent
        assertThat(h.journal.get(job.id()).spec().lowPriority()).isTrue();
        h.tick();
        assertThat(h.runpod.job("job-1").policy.lowPriority()).as("Runpod is asked to start no worker for it").isTrue();
        Job normal = h.queue.submit(JobQueueHarness.spec("n"));
        h.tick();
        assertThat(h.journal.get(normal.id()).spec().lowPriority()).isFalse();
        assertThat(h.runpod.job("job-2").policy.isDefault()).isTrue();
    }

    @Test
    void aJobIsJournaledAtEveryStepFromPendingToCompleted() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("a"));
        assertThat(h.journaled(job.id()).phase()).isEqualTo(JobPhase.PENDING);
        h.tick();
        Job sent = h.job(job.id());
        assertThat(sent.phase()).isEqualTo(JobPhase.IN_QUEUE);
        assertThat(sent.runpodId()).isEqualTo("job-1");
        h.assertJournalMatches(job.id());

        h.runpod.move("job-1", JobState.IN_PROGRESS, 500);
        h.run(SECOND, 2);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.IN_PROGRESS);
        h.assertJournalMatches(job.id());

        h.runpod.move("job-1", JobState.COMPLETED, 2000);
        h.run(SECOND, 2);
        Job done = h.job(job.id());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.files()).singleElement().satisfies(f -> assertThat(Files.exists(f)).isTrue());
        assertThat(done.cost()).isEqualTo(2.0 * 0.001);
        h.assertJournalMatches(job.id());
        assertThat(h.runpod.created("a")).isEqualTo(1);
        long versions = h.journaled(job.id()).version();

        h.run(SECOND, 5);
        assertThat(h.journaled(job.id()).version()).as("a terminal job never changes").isEqualTo(versions);
    }

    @Test
    void aJobCancelledWhilePendingIsJournaledAndNeverSentAfterARestart() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("p"));
        h.queue.cancel(job.id()).get();
        assertThat(h.journaled(job.id()).phase()).isEqualTo(JobPhase.CANCELLED);

        h.restart();
        h.run(SECOND, 5);
        assertThat(h.runpod.created("p")).isZero();
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.CANCELLED);
    }

    @Test
    void aCancelIsAskedForUntilRunpodAnswersAndTheRunsCostIsKept() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("c"));
        h.tick();
        h.runpod.move("job-1", JobState.IN_PROGRESS, 0);
        h.run(SECOND, 2);
        h.runpod.fail("cancel", new FakeRunpod.Fail(error(Kind.SERVER_ERROR, 503)));
        h.queue.cancel(job.id()).get();
        Job asking = h.job(job.id());
        assertThat(asking.phase()).isEqualTo(JobPhase.IN_PROGRESS);
        assertThat(asking.outcome().cancelRequested()).isTrue();
        assertThat(Messages.get(asking.note())).contains("Cancelling").contains("HTTP 503");
        h.assertJournalMatches(job.id());

        // the app dies before Runpod took the cancel: the next start goes on asking
        h.restart();
        h.run(SECOND, 40);
        Job cancelled = h.job(job.id());
        assertThat(cancelled.phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(h.runpod.job("job-1").state).isEqualTo(JobState.CANCELLED);
        h.assertJournalMatches(job.id());
    }

    @Test
    void aCancelAnswered404EndsTheJob() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("gone"));
        h.tick();
        h.runpod.jobs.clear(); // Runpod forgot it
        h.queue.cancel(job.id()).get();
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.EXPIRED);
        h.assertJournalMatches(job.id());
    }

    @Test
    void aJobCancelledWhileBeingSentIsCancelledOnceItsIdIsKnown() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("s"));
        // the cancel arrives while /run is on its way
        h.runpod.fail("run", new FakeRunpod.Fail(error(Kind.NETWORK, 0)));
        h.tick(); // not sent: back to PENDING, to be sent later
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.PENDING);
        h.queue.cancel(job.id()).get();
        h.run(Duration.ofSeconds(5), 10);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(h.runpod.created("s")).isZero();
    }

    @Test
    void aRefusedConnectionOrA429IsNotSentYetAndTheRowSaysWhenItTriesAgain() throws Exception {
        h.runpod.fail("run", new FakeRunpod.Fail(error(Kind.RATE_LIMITED, 429)))
                .fail("run", new FakeRunpod.Fail(error(Kind.NETWORK, 0)));
        Job job = h.queue.submit(JobQueueHarness.spec("r"));
        h.tick();
        Job waiting = h.job(job.id());
        assertThat(waiting.phase()).isEqualTo(JobPhase.PENDING);
        assertThat(waiting.live().retryAt()).isAfter(h.clock.instant());
        assertThat(waiting.live().attempt()).isEqualTo(1);
        assertThat(Messages.get(waiting.note())).contains("HTTP 429");
        h.assertJournalMatches(job.id());
        h.run(SECOND, 2); // the backoff: 2 s, then 4 s
        assertThat(h.job(job.id()).live().attempt()).isEqualTo(2);
        h.run(SECOND, 4);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.IN_QUEUE);
        assertThat(h.job(job.id()).note()).isNull();
        assertThat(h.runpod.created("r")).isEqualTo(1);
    }

    @Test
    void tryNowSendsAWaitingJobAtTheNextTickOnceAndLeavesOtherJobsAlone() throws Exception {
        h.runpod.fail("run", new FakeRunpod.Fail(error(Kind.NETWORK, 0)))
                .fail("run", new FakeRunpod.Fail(error(Kind.NETWORK, 0)));
        Job job = h.queue.submit(JobQueueHarness.spec("t"));
        h.tick();
        h.tick(); // the clock stands still: nothing is due before its backoff
        assertThat(h.job(job.id()).live().attempt()).isEqualTo(1);
        assertThat(h.queue.tryNow(job.id())).isTrue();
        h.tick(); // tried at once: the network is still down
        assertThat(h.job(job.id()).live().attempt()).isEqualTo(2);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.PENDING);
        assertThat(h.queue.tryNow(job.id())).isTrue();
        h.tick(); // the network is back
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.IN_QUEUE);
        assertThat(h.job(job.id()).live().retryAt()).isNull();
        assertThat(h.queue.tryNow(job.id())).as("nothing waits on a retry any more").isFalse();
        h.tick();
        assertThat(h.runpod.created("t")).isEqualTo(1);
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        h.run(SECOND, 3);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(h.queue.tryNow(job.id())).as("an ended job").isFalse();
        assertThat(h.runpod.created("t")).isEqualTo(1);
        h.assertJournalMatches(job.id());
    }

    @Test
    void aRetryAfterOfYearsIsCappedAtAMinute() {
        var e = new RunpodException(Kind.RATE_LIMITED, Text.literal("slow down"), "", 429,
                Duration.ofDays(365 * 73), null);
        assertThat(Backoff.retryWait(e, 1)).isEqualTo(Backoff.MAX_RETRY_WAIT);
    }

    @Test
    void aNonTransientStatusErrorEndsTheJobAtOnceWithItsResultKept() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("405"));
        h.tick();
        h.runpod.fail("status", new FakeRunpod.Fail(error(Kind.BAD_REQUEST, 405)));
        h.run(SECOND, 2);
        Job failed = h.job(job.id());
        assertThat(failed.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(failed.retryFetchesResult()).isTrue();
        h.assertJournalMatches(job.id());
    }

    @Test
    void anUnknownStateIsNotedThenEndsTheJobAfterABound() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("u"));
        h.tick();
        for (int i = 0; i < JobQueue.UNREADABLE_LIMIT; i++) {
            h.runpod.fail("status", new FakeRunpod.Answer(() -> WorkflowJson.MAPPER.createObjectNode()
                    .put("id", "job-1").put("status", "PAUSED")));
        }
        h.run(SECOND, 2);
        assertThat(Messages.get(h.job(job.id()).note())).contains("'PAUSED'");
        h.assertJournalMatches(job.id());
        h.run(Duration.ofSeconds(3), 30);
        Job failed = h.job(job.id());
        assertThat(failed.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(failed.error())).contains("PAUSED").contains("Retry fetches it");
    }

    @Test
    void aPollingOutageEndsTheJobAfterTheBoundAndItsRetryFetchesTheResult() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("out"));
        h.tick();
        for (int i = 0; i < 200; i++) {
            h.runpod.fail("status", new FakeRunpod.Fail(error(Kind.SERVER_ERROR, 503)));
        }
        h.run(SECOND, 3);
        Job retrying = h.job(job.id());
        assertThat(retrying.phase()).isEqualTo(JobPhase.IN_QUEUE);
        assertThat(Messages.get(retrying.note())).isEqualTo("last: HTTP 503");
        assertThat(retrying.live().attempt()).isPositive();
        h.run(Duration.ofSeconds(30), 70); // 35 minutes
        Job lost = h.job(job.id());
        assertThat(lost.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(lost.error())).contains("could not reach Runpod");
        h.runpod.clearFaults();
        h.runpod.move("job-1", JobState.COMPLETED, 1000);

        Job again = h.queue.retry(job.id()).get();
        assertThat(again.phase()).isEqualTo(JobPhase.SAVING);
        assertThat(again.runpodId()).isEqualTo("job-1");
        h.run(SECOND, 3);
        assertThat(h.job(again.id()).phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(h.runpod.created("out")).as("fetched again, not run again").isEqualTo(1);
    }

    @Test
    void aDamagedResultFailsTheJobAndRetryFetchesItAgainWithoutRunningIt() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("png"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        // a PNG without IHDR, then an image link with a space: each used to leave the job in SAVING forever
        h.runpod.fail("status", new FakeRunpod.Answer(() -> completed("job-1",
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                        0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82}), "base64")));
        h.run(SECOND, 2);
        Job failed = h.job(job.id());
        assertThat(failed.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(failed.error())).contains("could not be saved").contains("Retry fetches it again");
        assertThat(failed.retryFetchesResult()).isTrue();
        h.assertJournalMatches(job.id());

        h.runpod.fail("status", new FakeRunpod.Answer(() -> completed("job-1", "https://bucket/a b.png", "s3_url")));
        Job second = h.queue.retry(job.id()).get();
        h.run(SECOND, 2);
        assertThat(h.job(second.id()).phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(h.job(second.id()).error())).contains("not a valid URL");

        Job third = h.queue.retry(second.id()).get();
        h.run(SECOND, 2);
        Job done = h.job(third.id());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.files()).hasSize(1);
        assertThat(h.runpod.created("png")).isEqualTo(1);
        assertThat(h.runpod.calls).doesNotContain("retry");
    }

    @Test
    void imagesDecodedToFilesWhileReadingAreSavedAndTheirFilesDroppedWhateverHappens() throws Exception {
        Path spill = Files.createDirectories(dir.resolve("incoming"));
        h.runpod.spill = spill;
        h.runpod.imagesPerJob = 3;
        Job job = h.queue.submit(JobQueueHarness.spec("big"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        h.run(SECOND, 2);
        Job done = h.job(job.id());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.files()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(PngText.read(Files.readAllBytes(done.files().get(i))))
                    .as("image %d is the one Runpod sent, with Easel's metadata", i).containsKey("prompt");
        }
        try (var left = Files.list(spill)) {
            assertThat(left).as("decoded images are dropped once saved").isEmpty();
        }

        // a damaged image fails the save: the files go too
        Job second = h.queue.submit(JobQueueHarness.spec("big2"));
        h.tick();
        h.runpod.move("job-2", JobState.COMPLETED, 1000);
        h.runpod.fail("status", new FakeRunpod.Answer(() -> completed("job-2",
                Base64.getEncoder().encodeToString("not a png at all".getBytes()), "base64")));
        h.run(SECOND, 2);
        assertThat(h.job(second.id()).phase()).isEqualTo(JobPhase.FAILED);
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }

    }

    @Test
    void spendingIsWhatEndedJobsRanAndAFetchAgainCostsNothing() throws Exception {
        assertThat(h.queue.spending().session()).isZero();
        Job a = h.queue.submit(JobQueueHarness.spec("s1"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 2000);
        h.run(SECOND, 2);
        assertThat(h.job(a.id()).phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(h.queue.spending().session()).isEqualTo(2 * 0.001);

        // a run whose result could not be saved: paid once; the retry fetches it and costs nothing
        Job b = h.queue.submit(JobQueueHarness.spec("s2"));
        h.tick();
        h.runpod.move("job-2", JobState.COMPLETED, 3000);
        h.runpod.fail("status", new FakeRunpod.Answer(() -> completed("job-2",
                Base64.getEncoder().encodeToString("not a png".getBytes()), "base64").put("executionTime", 3000)));
        h.run(SECOND, 2);
        assertThat(h.job(b.id()).phase()).isEqualTo(JobPhase.FAILED);
        Job fetch = h.queue.retry(b.id()).get();
        h.run(SECOND, 2);
        assertThat(h.job(fetch.id()).phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(h.job(fetch.id()).cost()).isZero();
        assertThat(h.queue.spending().session()).isCloseTo(5 * 0.001, Offset.offset(1e-12));

        // clearing rows keeps what was spent; the journal's totals count cleared rows and other sessions too
        h.queue.clearFinished().get();
        assertThat(h.queue.spending().session()).isCloseTo(5 * 0.001, Offset.offset(1e-12));
        h.restart();
        assertThat(h.queue.spending().session()).as("a new session starts at 0").isZero();
        assertThat(h.queue.spending().since(h.clock.instant().minusSeconds(3600)))
                .isCloseTo(5 * 0.001, Offset.offset(1e-12));
        assertThat(h.queue.spending().since(h.clock.instant().plusSeconds(1))).isZero();
    }

    private static ObjectNode completed(String id, String data, String type) {
        ObjectNode n = WorkflowJson.MAPPER.createObjectNode().put("id", id).put("status", "COMPLETED")
                .put("executionTime", 1000);
        n.putObject("output").putArray("images").addObject().put("filename", "x.png").put("type", type)
                .put("data", data);
        return n;
    }

    @Test
    void identicalImagesInOneAnswerAreSavedOnceAndTheJobSaysSo() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("twins"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        String png = Base64.getEncoder().encodeToString(FakeRunpod.png("job-1", 0));
        ObjectNode body = completed("job-1", png, "base64");
        ((ArrayNode) body.at("/output/images")).addObject()
                .put("filename", "y.png").put("type", "base64").put("data", png);
        h.runpod.fail("status", new FakeRunpod.Answer(() -> body));
        h.run(SECOND, 2);
        Job done = h.job(job.id());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.files()).hasSize(1);
        assertThat(Messages.get(done.note())).isEqualTo("2 images, identical: kept 1.");
    }

    @Test
    void anUncertainSendIsNotSentAgain() throws Exception {
        h.runpod.fail("run", new FakeRunpod.CreatedThenFail(error(Kind.SUBMISSION_UNKNOWN, 0)));
        Job job = h.queue.submit(JobQueueHarness.spec("u2"));
        h.run(SECOND, 10);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.SUBMISSION_UNKNOWN);
        assertThat(h.runpod.created("u2")).isEqualTo(1);
        h.assertJournalMatches(job.id());
    }

    @Test
    void afterAnUncertainSendTheNextOnesAreCheckedAgainstRunpodsJobCounts() throws Exception {
        // the first: nothing to compare with, so "Sent?"; from then on each send sits between two /health reads
        h.runpod.fail("run", new FakeRunpod.Fail(error(Kind.SUBMISSION_UNKNOWN, 500)))
                .fail("run", new FakeRunpod.Fail(error(Kind.SUBMISSION_UNKNOWN, 500)))
                .fail("run", new FakeRunpod.CreatedThenFail(error(Kind.SUBMISSION_UNKNOWN, 0)));
        Job first = h.queue.submit(JobQueueHarness.spec("c1"));
        h.tick();
        assertThat(h.job(first.id()).phase()).isEqualTo(JobPhase.SUBMISSION_UNKNOWN);
        assertThat(Messages.get(h.job(first.id()).error())).isEqualTo("fake SUBMISSION_UNKNOWN (HTTP 500)");

        Job notArrived = h.queue.submit(JobQueueHarness.spec("c2"));
        h.tick();
        Job again = h.job(notArrived.id());
        assertThat(again.phase()).as("the counts show it never arrived: sent again later").isEqualTo(JobPhase.PENDING);
        assertThat(Messages.get(again.note())).contains("did not arrive");
        h.assertJournalMatches(notArrived.id());

        Job arrived = h.queue.submit(JobQueueHarness.spec("c3"));
        h.tick(); // c3 goes first: c2 waits out its backoff
        h.run(Duration.ofSeconds(3), 5);
        assertThat(h.job(notArrived.id()).phase()).isEqualTo(JobPhase.IN_QUEUE);
        Job lost = h.job(arrived.id());
        assertThat(lost.phase()).isEqualTo(JobPhase.SUBMISSION_UNKNOWN);
        assertThat(lost.error().key()).isEqualTo(JobQueue.ARRIVED_ID_LOST);
        assertThat(h.runpod.created("c1")).isZero();
        assertThat(h.runpod.created("c2")).isEqualTo(1);
        assertThat(h.runpod.created("c3")).isEqualTo(1);
    }

    @Test
    void aCrashWhileSendingIsSubmissionUnknownAfterTheRestart() throws Exception {
        h.runpod.fail("run", new FakeRunpod.Crash(true));
        Job job = h.queue.submit(JobQueueHarness.spec("k"));
        assertThatThrownBy(h::tick).isInstanceOf(FakeRunpod.Killed.class);
        assertThat(h.journaled(job.id()).phase()).isEqualTo(JobPhase.SUBMITTING);
        h.restart();
        h.run(SECOND, 5);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.SUBMISSION_UNKNOWN);
        assertThat(h.runpod.created("k")).isEqualTo(1);
    }

    @Test
    void aCrashWhileSavingFinishesAfterTheRestartWithoutASecondFile() throws Exception {
        Job job = h.queue.submit(JobQueueHarness.spec("save"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        h.run(SECOND, 2);
        Job done = h.job(job.id());
        // as if the process died after the files and the index were written but before COMPLETED was journaled
        h.journal.update(done.withPhase(JobPhase.SAVING).withVersion(done.version() + 1));
        h.restart();
        h.run(SECOND, 3);
        assertThat(h.job(job.id()).phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(h.job(job.id()).files()).isEqualTo(done.files());
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void moreThanTwoHundredUnfinishedJobsAreAllResumed() throws Exception {
        for (int i = 0; i < 230; i++) {
            h.queue.submit(JobQueueHarness.spec("m" + i));
        }
        h.restart();
        assertThat(h.queue.jobs()).hasSize(230);
    }

    @Test
    void retryWithANewSeedOnASeedlessWorkflowSaysSoAndSendsNothing() throws Exception {
        JobSpec spec = JobQueueHarness.spec("noseed");
        ((ObjectNode) spec.input().get("workflow")).removeAll();
        ((ObjectNode) spec.input().get("workflow")).putObject("1").put("class_type", "EmptyImage")
                .putObject("inputs").put("width", 64);
        Job job = h.queue.submit(spec);
        h.queue.cancel(job.id()).get();
        assertThatThrownBy(() -> h.queue.retryWithNewSeed(job.id(), 5).join())
                .hasMessageContaining("no seed");
        assertThat(h.queue.jobs()).hasSize(1);
    }
}
