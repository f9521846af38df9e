package dev.easel;

import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.jobs.Budget;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.ModelAdvice;
import dev.easel.jobs.PollPlanner;
import dev.easel.jobs.SweepFanout;
import dev.easel.library.ResultStore;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.SecretStore;
import dev.easel.settings.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The queues of the other endpoints a shared sweep uses: one for each endpoint profile asked for (not the demo, not the
 * studio's own), with that profile's key, made and started when first asked for; each shows and resumes only its own
 * endpoint's jobs. Closed with the services.
 */
public final class SweepLanes implements SweepFanout.Lanes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SweepLanes.class);

    /** What a lane's queue is made of: the studio's journal, store and threads. */
    record Parts(AppFolders folders, List<EndpointProfile> profiles, String homeEndpointId, JobJournal journal,
                 ResultStore results, Executor io, ScheduledExecutorService scheduler, Path incoming,
                 ModelAdvice advice, Instant session) { }

    private final Parts parts;
    private final Map<String, JobQueue> made = new LinkedHashMap<>();
    private final List<RunpodClient> clients = new ArrayList<>();
    private boolean closed;

    SweepLanes(Parts parts) {
        this.parts = parts;
    }

    /** The profiles whose endpoints a sweep of the studio's endpoint may share: not the demo, not its own. */
    public static List<EndpointProfile> candidates(List<EndpointProfile> profiles, String homeEndpointId) {
        Map<String, EndpointProfile> byEndpoint = new LinkedHashMap<>();
        for (EndpointProfile p : profiles) {
            if (!p.demo() && !p.endpointId().equals(homeEndpointId)) {
                byEndpoint.putIfAbsent(p.endpointId(), p);
            }
        }
        return List.copyOf(byEndpoint.values());
    }

    /** The profiles a sweep of the studio's endpoint may share: none when the studio is on the demo. */
    public List<EndpointProfile> candidates() {
        return parts.homeEndpointId() == null ? List.of() : candidates(parts.profiles(), parts.homeEndpointId());
    }

    @Override
    public synchronized Optional<JobQueue> queue(String endpointId, Predicate<Job> held) {
        JobQueue q = made.get(endpointId);
        if (q != null || closed) {
            return Optional.ofNullable(q);
        }
        Optional<EndpointProfile> profile = candidates(parts.profiles(), String.valueOf(parts.homeEndpointId())).stream()
                .filter(p -> p.endpointId().equals(endpointId)).findFirst();
        if (profile.isEmpty()) {
            log.warn("no endpoint profile has the endpoint {} a sweep shares; its cells there wait for it", endpointId);
            return Optional.empty();
        }
        EndpointProfile p = profile.get();
        try {
            String key = Secrets.platform(parts.folders()).apiKey(p).orElse("");
            RunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(URI.create(p.baseUrl()), p.endpointId(), key))
                    .spillTo(parts.incoming());
            clients.add(client);
            q = new JobQueue(parts.journal(), parts.results(), new JobEndpoint(p.name(), client, p.pricePerSecond()),
                    parts.io(), parts.scheduler(), Clock.systemUTC(), PollPlanner.standard(), 4);
            q.setFailureAdvice(parts.advice());
            q.showOnlyOwnJobs();
            q.holdBack(held);
            q.spending().set(Budget.NONE, parts.session());
            q.start();
            made.put(endpointId, q);
            log.info("a sweep shares the endpoint {} ({}): its queue started", p.name(), endpointId);
            return Optional.of(q);
        } catch (SecretStore.SecretException | SQLException | RuntimeException e) {
            log.warn("the endpoint {} a sweep shares can't be used", p.name(), e);
            return Optional.empty();
        }
    }

    /** Stops the lanes' ticks: no new requests; those under way finish. */
    public synchronized void stopQueues() {
        made.values().forEach(JobQueue::close);
    }

    @Override
    public synchronized void close() {
        closed = true;
        made.values().forEach(JobQueue::close);
        clients.forEach(RunpodClient::close);
    }
}
