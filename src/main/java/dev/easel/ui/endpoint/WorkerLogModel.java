package dev.easel.ui.endpoint;

import dev.easel.api.EndpointWorkers;
import dev.easel.api.LogEvent;
import dev.easel.api.LogStream;
import dev.easel.api.RunpodException;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.text.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * A worker's log as it is written (server-sent events): the one the user chose, else a worker that is starting
 * (a cold start is when a log says most: the image pull, the models loading) or failing its health checks. Called
 * on the FX thread; the stream is read on a background thread.
 */
public final class WorkerLogModel {

    /** Lines kept: the newest. */
    static final int KEEP = 500;

    private final OwnedEndpoint owned;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("panel.log.none"));
    private String following;
    private boolean chosen;
    private LogStream stream;

    WorkerLogModel(OwnedEndpoint owned, Executor io, Executor fx) {
        this.owned = owned;
        this.io = io;
        this.fx = fx;
    }

    /** After a refresh: keeps the log followed, or begins one of a worker starting or failing. */
    void follow(EndpointWorkers w) {
        var listed = w.workers().stream().filter(x -> x.id().equals(following)).findFirst();
        listed.ifPresent(x -> title.set(Messages.get("panel.log.of", x.id(), x.state().name().toLowerCase(Locale.ROOT))));
        if (listed.isPresent() || (chosen && following != null)) {
            return;
        }
        w.workers().stream().filter(x -> x.state() == EndpointWorkers.State.INITIALIZING
                        || x.state() == EndpointWorkers.State.UNHEALTHY).findFirst()
                .ifPresent(x -> open(x.id(), x.state()));
    }

    /** Shows this worker's log (chosen in the list). */
    public void choose(String workerId, EndpointWorkers.State state) {
        chosen = true;
        if (!workerId.equals(following)) {
            open(workerId, state);
        }
    }

    private void open(String workerId, EndpointWorkers.State state) {
        stop();
        following = workerId;
        lines.clear();
        title.set(Messages.get("panel.log.of", workerId, state.name().toLowerCase(Locale.ROOT)));
        io.execute(() -> read(workerId));
    }

    private void read(String workerId) {
        LogStream s;
        try {
            s = owned.account().logs(owned.endpointId(), workerId, 100, null);
        } catch (RunpodException e) {
            fx.execute(() -> add(workerId, List.of(Messages.of(e))));
            return;
        }
        synchronized (this) {
            stream = s;
        }
        try (s) {
            LogEvent e;
            while ((e = s.next()) != null) {
                String line = e.line();
                fx.execute(() -> add(workerId, List.of(line)));
            }
        } catch (RunpodException e) {
            fx.execute(() -> add(workerId, List.of(Messages.of(e))));
        }
    }

    private void add(String workerId, List<String> more) {
        if (!workerId.equals(following)) {
            return; // another worker's log is shown by now
        }
        lines.addAll(more);
        if (lines.size() > KEEP) {
            lines.remove(0, lines.size() - KEEP);
        }
    }

    /** Ends the stream (the panel closed, another worker chosen). */
    void stop() {
        LogStream s;
        synchronized (this) {
            s = stream;
            stream = null;
        }
        if (s != null) {
            s.close();
        }
    }

    public ObservableList<String> lines() {
        return lines;
    }

    /** "Log of worker abc (initializing)". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
