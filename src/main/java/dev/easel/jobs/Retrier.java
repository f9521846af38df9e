package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.RunpodException;
import dev.easel.text.Refused;
import dev.easel.text.Text;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The queue's way of retrying an ended job, never paying twice for a result Runpod still keeps: a job that ran but
 * whose result couldn't be fetched or saved is fetched again (same Runpod job, price 0); a FAILED or TIMED_OUT job
 * Runpod keeps is re-queued with Runpod's /retry; anything else is sent again as a new job. Each makes a new job row
 * that names the one it retries; the ended job stays as it ended.
 */
final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final JobQueue queue;

    Retrier(JobQueue queue) {
        this.queue = queue;
    }

    Job retry(TrackedJob t) throws SQLException {
        Job j = t.job;
        if (!j.phase().isTerminal() || j.phase() == JobPhase.COMPLETED) {
            throw new CompletionException(new Refused(Text.of("jobs.retry.notEnded")));
        }
        Instant now = queue.clock.instant();
        JobEndpoint endpoint = queue.endpoint;
        if (j.retryFetchesResult()) {
            // the job ran already: fetching its result costs no GPU time, so its price is 0 (not paid twice)
            JobEndpoint free = new JobEndpoint(endpoint.name(), endpoint.client(), 0, endpoint.inProcess());
            return queue.track(queue.journal.insert(t.spec, free, now, JobPhase.SAVING, j.runpodId(), j.id()), t.spec);
        }
        boolean retained = j.finished() != null && j.finished().plus(JobQueue.RETENTION).isAfter(now);
        if ((j.phase() != JobPhase.FAILED && j.phase() != JobPhase.TIMED_OUT) || j.runpodId() == null || !retained) {
            return queue.track(queue.journal.insert(t.spec, endpoint, now, JobPhase.PENDING, null, j.id()), t.spec);
        }
        Job again = queue.journal.insert(t.spec, endpoint, now, JobPhase.SUBMITTING, j.runpodId(), j.id());
        TrackedJob n = queue.trackBusy(again, t.spec);
        try {
            queue.countChanges.incrementAndGet();
            endpoint.client().retry(j.runpodId());
        } catch (RunpodException e) {
            if (e.kind() == RunpodException.Kind.JOB_NOT_FOUND || e.kind() == RunpodException.Kind.BAD_REQUEST) {
                // Runpod refused: nothing was re-queued, so send the request again as a new job
                log.info("Runpod /retry of {} refused ({}); sending it again", j.runpodId(), e.getMessage());
                queue.transition(n, x -> JobStateMachine.retrying(x.withRunpodId(null), JobPhase.PENDING, null, 0,
                        null));
                queue.release(n, queue.clock.instant(), null);
                return n.job;
            }
            // any other answer: Runpod may have re-queued it; its status tells
        }
        Instant at = queue.clock.instant();
        queue.transition(n, x -> JobStateMachine.accepted(x, j.runpodId(), JobPhase.IN_QUEUE, at));
        queue.release(n, at.plusMillis(200), at);
        return n.job;
    }

    /** A new job like {@code t}'s with another seed; refused when its workflow has no seed. */
    JobSpec withSeed(TrackedJob t, long seed) {
        ObjectNode input = t.spec.input().deepCopy();
        Workflow wf = Workflow.of((ObjectNode) input.get("workflow"));
        Bindings b = ParameterBinder.bind(wf);
        if (!b.has(Parameter.SEED)) {
            throw new CompletionException(new Refused(Text.of("jobs.retry.noSeed")));
        }
        Workflow seeded = b.set(wf, Parameter.SEED, WorkflowJson.MAPPER.getNodeFactory().numberNode(seed));
        input.set("workflow", seeded.toJson());
        Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
        params.putAll(t.spec.params());
        params.put(Parameter.SEED, seed);
        return new JobSpec(input, t.spec.uiGraph(), params, t.spec.templateId(), t.spec.importedFrom(),
                t.spec.policy());
    }
}
