package dev.easel.cli;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.SweepRun;
import dev.easel.jobs.Sweeps;
import dev.easel.settings.EndpointProfile;
import dev.easel.text.Messages;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@code easel generate} run: journals and sends its jobs, prints a line as each ends, copies the pictures out,
 * and on Ctrl+C cancels what it sent (and says so).
 */
final class GenerateRun {

    private final JobQueue queue;
    /** Where the pictures are copied to; null: only the library. */
    private final Path out;

    GenerateRun(JobQueue queue, Path out) {
        this.queue = queue;
        this.out = out;
    }

    /** What a run sends: journals its jobs and gives their ids. */
    @FunctionalInterface
    private interface Submit {
        List<Long> submit() throws SQLException;
    }

    int send(List<JobSpec> specs, EndpointProfile profile, PrintWriter stdout, PrintWriter err)
            throws GenerateCommand.Refused {
        return run(() -> {
            List<Long> ids = new ArrayList<>();
            for (JobSpec spec : specs) {
                ids.add(queue.submit(spec).id());
            }
            return ids;
        }, specs.size(), profile, stdout, err);
    }

    /** Sends a sweep's cells, waits for them and for its grid, and prints where the grid is. */
    int sendSweep(Sweeps sweeps, Sweeps.Draft d, EndpointProfile profile, PrintWriter stdout, PrintWriter err)
            throws GenerateCommand.Refused {
        CountDownLatch gridDone = new CountDownLatch(1);
        String[] id = new String[1];
        SweepRun[] ended = new SweepRun[1];
        sweeps.addListener(runs -> runs.stream().filter(r -> r.id().equals(id[0]) && r.isEnded()).findFirst()
                .ifPresent(r -> {
                    ended[0] = r;
                    gridDone.countDown();
                }));
        int code = run(() -> {
            SweepRun run = sweeps.submit(d);
            id[0] = run.id();
            return run.cells();
        }, d.cells().size(), profile, stdout, err);
        try {
            if (id[0] != null && !gridDone.await(60, TimeUnit.SECONDS)) {
                err.println(Messages.get("cli.generate.noGridYet"));
                return 2;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        if (ended[0] != null && ended[0].grid() != null) {
            synchronized (stdout) {
                stdout.println("grid " + ended[0].grid());
                stdout.flush();
            }
            copyOut(List.of(ended[0].grid()), err);
        }
        return code;
    }

    private int run(Submit submit, int total, EndpointProfile profile, PrintWriter stdout, PrintWriter err)
            throws GenerateCommand.Refused {
        Set<Long> ours = ConcurrentHashMap.newKeySet();
        Set<Long> reported = ConcurrentHashMap.newKeySet();
        CountDownLatch allEnded = new CountDownLatch(total);
        List<Job> ended = Collections.synchronizedList(new ArrayList<>());
        Consumer<List<Job>> listener = jobs -> {
            for (Job j : jobs) {
                if (ours.contains(j.id()) && j.phase().isTerminal() && reported.add(j.id())) {
                    synchronized (stdout) {
                        stdout.println(line(j));
                        stdout.flush();
                    }
                    ended.add(j);
                    allEnded.countDown();
                }
            }
        };
        queue.addListener(listener);
        Thread cancelOnExit = new Thread(() -> cancel(ours, reported, err), "easel-generate-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit); // Ctrl+C: what was sent is cancelled, and said so
        try {
            try {
                ours.addAll(submit.submit());
            } catch (SQLException e) {
                throw new GenerateCommand.Refused(Messages.get("cli.generate.notJournaled", e.getMessage()));
            }
            err.println(Messages.get("cli.generate.sent", total, profile.name()));
            err.flush();
            listener.accept(queue.jobs()); // any that ended before the listener saw them
            try {
                allEnded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it cancels
            }
        }
        int completed = 0;
        for (Job j : ended) {
            if (j.phase() == JobPhase.COMPLETED) {
                completed++;
                copyOut(j.files(), err);
            }
        }
        double cost = ended.stream().mapToDouble(Job::cost).sum();
        err.println(cost > 0 ? Messages.get("cli.generate.doneCost", completed, total, cost)
                : Messages.get("cli.generate.done", completed, total));
        err.flush();
        return completed == total ? 0 : 2;
    }

    /** One job's line: id, state, files, cost, or the cause. */
    static String line(Job j) {
        StringBuilder sb = new StringBuilder("job ").append(j.id()).append(' ').append(j.phase());
        if (j.phase() == JobPhase.COMPLETED) {
            j.files().forEach(f -> sb.append(' ').append(f));
        }
        if (j.seed() != null) {
            sb.append(" seed ").append(j.seed());
        }
        if (j.cost() > 0) {
            sb.append(String.format(Locale.ROOT, " ≈ $%.4f", j.cost()));
        }
        if (j.error() != null) {
            sb.append(" — ").append(Messages.get(j.error()).replace('\n', ' '));
        } else if (j.note() != null && j.phase() != JobPhase.COMPLETED) {
            sb.append(" — ").append(Messages.get(j.note()).replace('\n', ' '));
        }
        return sb.toString();
    }

    private void copyOut(List<Path> files, PrintWriter err) {
        if (out == null) {
            return;
        }
        for (Path f : files) {
            try {
                Files.createDirectories(out);
                Path target = out.resolve(f.getFileName());
                for (int n = 2; Files.exists(target); n++) {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    target = out.resolve((dot > 0 ? name.substring(0, dot) : name) + "-" + n
                            + (dot > 0 ? name.substring(dot) : ""));
                }
                Files.copy(f, target);
            } catch (IOException e) {
                err.println(Messages.get("cli.generate.cantCopy", f, out, e.getMessage()));
            }
        }
    }

    private void cancel(Set<Long> ours, Set<Long> reported, PrintWriter err) {
        List<Long> open = ours.stream().filter(id -> !reported.contains(id)).toList();
        if (open.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> asked = new ArrayList<>();
        for (long id : open) {
            asked.add(queue.cancel(id));
        }
        try {
            CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                    .get(15, TimeUnit.SECONDS);
            err.println("\n" + Messages.get("cli.generate.cancelled", open.size()));
        } catch (Exception e) {
            err.println("\n" + Messages.get("cli.generate.cancelAsked", open.size()));
        }
        err.flush();
    }
}
