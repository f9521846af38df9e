package dev.easel.jobs;

import dev.easel.api.JobOutput;
import dev.easel.api.OutputImage;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusResponse;
import dev.easel.library.Artwork;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.text.Explained;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The queue's way of saving a completed job's pictures: each written atomically and indexed by the
 * {@link ResultStore} before the job shows as done, none twice (a picture saved before a restart, or by the job a
 * retry fetches again, is found, not written again), and any failure ends the job with its result still fetchable.
 */
final class ResultSaver {

    private static final Logger log = LoggerFactory.getLogger(ResultSaver.class);

    private final JobQueue queue;
    private final ResultStore results;

    ResultSaver(JobQueue queue, ResultStore results) {
        this.queue = queue;
        this.results = results;
    }

    void save(TrackedJob t, StatusResponse s) {
        try {
            saveOrThrow(t, s);
        } catch (Throwable e) { // any failure, an OutOfMemoryError too, ends the job: never SAVING forever
            log.warn("saving the result of job {} failed", t.job.id(), e);
            Text why = e instanceof Explained x ? x.text()
                    : e instanceof SQLException ? Text.of("jobs.save.libraryUnreadable", e.getMessage())
                    : e instanceof OutOfMemoryError ? Text.of("jobs.save.outOfMemory")
                    : Text.of("jobs.save.unexpected", e.getClass().getSimpleName());
            boolean expired = e instanceof RunpodException r && r.kind() == RunpodException.Kind.JOB_NOT_FOUND;
            Instant now = queue.clock.instant();
            Text error = expired ? Text.of("jobs.save.failed", why)
                    : Text.of("jobs.save.failedKept", why, JobQueue.RETENTION.toMinutes());
            queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, error,
                    abbreviate(String.valueOf(e)), null, !expired));
        } finally {
            s.discard();
            synchronized (queue) {
                t.saving = false;
            }
        }
    }

    private void saveOrThrow(TrackedJob t, StatusResponse s) throws Exception {
        List<Path> files = new ArrayList<>();
        Text note;
        if (s.output() instanceof JobOutput.Images images) {
            int index = 0;
            int identical = 0;
            Set<String> seen = new HashSet<>();
            for (OutputImage img : images.images()) {
                byte[] bytes = img.transport() == OutputImage.Transport.URL
                        ? queue.endpoint.client().download(img.url()) : img.decode();
                String hash = ResultStore.sourceHash(bytes);
                // two SaveImage nodes on the same image (the tutorial graph has them) return it twice: keep one
                if (!seen.add(hash)) {
                    identical++;
                    continue;
                }
                // saved already (before Easel stopped mid-save, or by the job this one retries): not a second file
                var before = results.savedFile(t.job.runpodId(), hash);
                if (before.isPresent()) {
                    files.add(before.get());
                    index++;
                    continue;
                }
                Job j = t.job;
                Artwork a = results.save(new ResultToSave(j.id(), j.runpodId(), j.endpointName(), bytes, index++,
                        t.spec.input().get("workflow"), t.spec.uiGraph(), t.spec.params(), t.spec.templateId(),
                        t.spec.source(), s.delayTime(), s.executionTime(), j.cost(), queue.clock.instant()));
                files.add(a.file());
            }
            Text same = null;
            if (identical > 0) {
                int total = images.images().size();
                same = identical + 1 == total ? Text.of("jobs.save.allIdentical", total, files.size())
                        : Text.of("jobs.save.someIdentical", total, identical + 1, files.size());
            }
            Text reported = images.errors().isEmpty() ? null
                    : Text.of("jobs.save.workerReported", Text.joined(images.errors()));
            note = same == null ? reported : same.then(reported);
        } else {
            note = Text.of("jobs.save.noImages");
        }
        s.discard(); // the images are in the library now: their temporary files go before the job shows as done
        queue.planner.learn(s.executionTime(), PollPlanner.work(t.spec.params()));
        Instant now = queue.clock.instant();
        Text finalNote = note;
        queue.transition(t, j -> JobStateMachine.completed(j, now, files, finalNote)); // on disk and indexed: only now done
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }
}
