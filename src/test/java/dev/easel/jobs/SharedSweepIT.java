package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.io.Database;
import dev.easel.library.ResultStore;
import dev.easel.testing.Databases;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PngText;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A sweep shared by two endpoints (two demo servers, as two Runpod endpoints): its cells routed by free workers, none
 * to a throttled or unreachable one, each sent once, and after a restart in the middle it finishes.
 */
class SharedSweepIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Database db;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private DemoEndpoint demo(int workers) throws Exception {
        DemoEndpoint d = DemoEndpoint.start(DemoConfig.fast().withTimeScale(1.0).withWorkers(workers));
        open.add(d);
        return d;
    }

    /** The studio's queue on endpoint A, B's queue made when the fanout asks, the sweeps: started, as Easel does. */
    private record Running(JobQueue home, Map<String, JobQueue> lanes, Sweeps sweeps, SweepFanout fanout,
                           ExecutorService io, ScheduledExecutorService scheduler) {
        void stop() throws InterruptedException {
            fanout.close();
            home.close();
            lanes.values().forEach(JobQueue::close);
            scheduler.shutdownNow();
            io.shutdownNow();
            assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(io.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<Job> all() {
            List<Job> out = new ArrayList<>(home.jobs());
            synchronized (lanes) {
                lanes.values().forEach(q -> out.addAll(q.jobs()));
            }
            return out;
        }
    }

    private Running start(DemoEndpoint a, DemoEndpoint b) throws Exception {
        if (db == null) {
            db = Databases.open(dir.resolve("easel.db"));
            open.add(db);
        }
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        open.add(io::shutdownNow);
        open.add(scheduler::shutdownNow);
        ResultStore results = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
        JobJournal journal = new JobJournal(db);
        JobQueue home = queue(journal, results, a, "ep-a", io, scheduler);
        Map<String, JobQueue> lanes = new HashMap<>();
        SweepFanout.Lanes made = (id, held) -> {
            if (!id.equals("ep-b")) {
                return Optional.empty();
            }
            synchronized (lanes) { // asked from the rounds and from a submit at once, as Easel's SweepLanes is
                JobQueue q = lanes.get(id);
                if (q == null) {
                    q = queue(journal, results, b, "ep-b", io, scheduler);
                    q.showOnlyOwnJobs();
                    q.holdBack(held);
                    try {
                        q.start();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    lanes.put(id, q);
                }
                return Optional.of(q);
            }
        };
        SweepJournal sweepJournal = new SweepJournal(journal);
        SweepFanout fanout = new SweepFanout(home, made, sweepJournal, Clock.systemUTC());
        Sweeps sweeps = new Sweeps(home, sweepJournal, results, io, Clock.systemUTC());
        sweeps.shareWith(fanout);
        open.add(fanout);
        fanout.prepare();
        sweeps.shareWith(fanout);
        home.start();
        sweeps.start();
        fanout.start(scheduler, io);
        return new Running(home, lanes, sweeps, fanout, io, scheduler);
    }

    private JobQueue queue(JobJournal journal, ResultStore results, DemoEndpoint d, String endpointId,
                           ExecutorService io, ScheduledExecutorService scheduler) {
        var client = new OkHttpRunpodClient(RunpodConfig.of(d.baseUrl(), endpointId, "k"));
        open.add(client);
        JobQueue q = new JobQueue(journal, results, new JobEndpoint("Endpoint " + endpointId, client, 0.00044), io,
                scheduler, Clock.systemUTC(), PollPlanner.standard(), 4);
        open.add(q);
        return q;
    }

    private static Sweeps.Draft draft(String... axes) throws Exception {
        Workflow wf = Workflow.of((ObjectNode) Fixtures.tutorialInput().get("workflow"));
        Bindings b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.PROMPT, f.textNode("a harbour in fog"));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(64));
        wf = b.set(wf, Parameter.HEIGHT, f.numberNode(64));
        Workflow base = wf;
        return SweepPlanner.draft(base, b, List.of(axes), DynamicPrompt.NO_LISTS,
                w -> JobSpec.of(w, b, Map.of(), null, "flux1-dev-fp8", null), Map.of()).sharedWith(List.of("ep-b"));
    }

    private static SweepRun awaitEnded(Sweeps sweeps, String id) {
        await().atMost(Duration.ofSeconds(90)).until(() -> sweeps.runs().stream()
                .anyMatch(r -> r.id().equals(id) && r.isEnded()));
        return sweeps.runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** Every cell completed with one picture, each sent once and only to the endpoint its job says. */
    private static List<Job> assertEachSentOnce(Running r, SweepRun run, DemoEndpoint a, DemoEndpoint b)
            throws Exception {
        Map<Long, Job> byId = new HashMap<>();
        r.all().forEach(j -> byId.put(j.id(), j));
        List<Job> jobs = run.cells().stream().map(byId::get).toList();
        assertThat(jobs).doesNotContainNull().allMatch(j -> j.phase() == JobPhase.COMPLETED && j.files().size() == 1);
        for (Job j : jobs) {
            JsonNode sent = WorkflowJson.parse(PngText.read(Files.readAllBytes(j.files().getFirst())).get("prompt"));
            int onA = a.submissionsOf(sent);
            int onB = b == null ? 0 : b.submissionsOf(sent);
            assertThat(onA + onB).as("job %d sent once in all", j.id()).isEqualTo(1);
            assertThat(j.about().endpointId()).isEqualTo(onA == 1 ? "ep-a" : "ep-b");
        }
        assertThat(jobs.stream().map(Job::runpodId).distinct()).hasSize(jobs.size());
        assertThat(run.grid()).exists();
        return jobs;
    }

    @Test
    void aSweepSharedByTwoEndpointsRunsOnTheWorkersOfBothAndSendsEachCellOnce() throws Exception {
        DemoEndpoint a = demo(2);
        DemoEndpoint b = demo(2);
        Running r = start(a, b);
        SweepRun run = r.sweeps().submit(draft("steps=201,202,203,204", "cfg=1,2,3"));
        assertThat(run.sharedWith()).containsExactly("ep-b");
        SweepRun ended = awaitEnded(r.sweeps(), run.id());

        List<Job> jobs = assertEachSentOnce(r, ended, a, b);
        long onB = jobs.stream().filter(j -> j.about().endpointId().equals("ep-b")).count();
        assertThat(onB).as("B's workers took some cells").isBetween(1L, 11L);
        assertThat(r.sweeps().cellJobs(ended)).containsExactlyElementsOf(jobs);
        assertThat(r.home().spending().session()).as("the studio's session cost counts B's cells too")
                .isCloseTo(jobs.stream().mapToDouble(Job::cost).sum(), within(1e-9));
    }

    @Test
    void noCellGoesToAThrottledEndpoint() throws Exception {
        DemoEndpoint a = demo(2);
        DemoEndpoint b = demo(2);
        b.account().setThrottled(true);
        Running r = start(a, b);
        SweepRun run = r.sweeps().submit(draft("steps=201,202,203,204,205,206"));
        List<Job> jobs = assertEachSentOnce(r, awaitEnded(r.sweeps(), run.id()), a, b);
        assertThat(jobs).allMatch(j -> j.about().endpointId().equals("ep-a"));
    }

    @Test
    void noCellGoesToAnEndpointThatCannotBeReached() throws Exception {
        DemoEndpoint a = demo(2);
        DemoEndpoint b = demo(2);
        b.close(); // its address answers nothing now
        Running r = start(a, b);
        SweepRun run = r.sweeps().submit(draft("steps=201,202,203,204,205,206"));
        List<Job> jobs = assertEachSentOnce(r, awaitEnded(r.sweeps(), run.id()), a, null);
        assertThat(jobs).allMatch(j -> j.about().endpointId().equals("ep-a"));
    }

    @Test
    void aBudgetTheCellsWouldPassHoldsThemAllInTheStudiosQueueWhereItsBannerAsks() throws Exception {
        DemoEndpoint a = demo(2);
        DemoEndpoint b = demo(2);
        Running r = start(a, b);
        r.home().spending().set(new Budget(0.0001, 0, 0), Instant.EPOCH); // less than one job costs
        SweepRun run = r.sweeps().submit(draft("steps=201,202,203,204"));
        await().atMost(Duration.ofSeconds(30)).until(() -> r.home().spending().stop().isPresent());
        assertThat(r.all().stream().filter(j -> run.cells().contains(j.id())))
                .hasSize(4).allMatch(j -> j.phase() == JobPhase.PENDING && j.runpodId() == null)
                .allMatch(j -> j.about().endpointId().equals("ep-a"));
        r.sweeps().cancel(run.id()).join();
        awaitEnded(r.sweeps(), run.id());
        assertThat(r.all().stream().filter(j -> run.cells().contains(j.id())))
                .allMatch(j -> j.phase() == JobPhase.CANCELLED && j.runpodId() == null);
    }

    @Test
    void cancellingASharedSweepCancelsTheCellsOnBothEndpointsAndThoseStillHeld() throws Exception {
        DemoEndpoint a = demo(1);
        DemoEndpoint b = demo(1);
        Running r = start(a, b);
        SweepRun run = r.sweeps().submit(draft("steps=1001,1002,1003,1004,1005,1006,1007,1008,1009,1010"));
        await().atMost(Duration.ofSeconds(30)).until(() -> r.all().stream()
                .anyMatch(j -> j.about().endpointId().equals("ep-b") && j.runpodId() != null));
        r.sweeps().cancel(run.id()).join();
        SweepRun ended = awaitEnded(r.sweeps(), run.id());
        Map<Long, Job> byId = new HashMap<>();
        r.all().forEach(j -> byId.put(j.id(), j));
        List<Job> cells = ended.cells().stream().map(byId::get).toList();
        assertThat(cells).allMatch(j -> j.phase().isTerminal());
        assertThat(cells.stream().filter(j -> j.phase() == JobPhase.CANCELLED).count()).isGreaterThanOrEqualTo(5);
        assertThat(cells.stream().filter(j -> j.runpodId() == null).count()).as("held cells never sent")
                .isGreaterThan(0);
    }

    @Test
    void aSharedSweepStoppedInTheMiddleFinishesAfterARestartWithEachCellSentOnce() throws Exception {
        DemoEndpoint a = demo(1);
        DemoEndpoint b = demo(1);
        Running first = start(a, b);
        SweepRun run = first.sweeps().submit(draft("steps=301,302,303,304,305,306,307,308"));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.all().stream()
                .filter(j -> run.cells().contains(j.id()) && j.phase() == JobPhase.COMPLETED).count() >= 2);
        first.stop();

        Running second = start(a, b);
        SweepRun ended = awaitEnded(second.sweeps(), run.id());
        assertEachSentOnce(second, ended, a, b);
    }
}
