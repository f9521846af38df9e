package dev.easel.ui.sweep;

import dev.easel.jobs.SweepRun;
import dev.easel.io.Futures;
import dev.easel.text.Messages;
import dev.easel.ui.Shortcut;
import dev.easel.ui.fx.Owners;
import dev.easel.ui.gallery.GalleryViewModel;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sweep windows: the dialog (a new sweep over the studio's graph, one extended, one run again) and the grid
 * window (one, shown again with another sweep when asked), which opens as soon as a sweep is sent.
 */
public final class SweepWindows {

    private final SweepModel dialog;
    private final SweepGridModel grid;
    private final Supplier<Workflow> studioGraph;
    private final Consumer<SweepRun> openPicture;
    private final Consumer<String> say;
    private Stage gridStage;
    /** The checkpoints the endpoint is known to have, for the checkpoint axis. */
    private Supplier<List<String>> models = List::of;

    /**
     * @param studioGraph the studio's graph as edited (its pending edits flushed)
     * @param say         where a sentence goes that no window of these shows (the studio's message line)
     */
    public SweepWindows(SweepModel dialog, Supplier<Workflow> studioGraph, Consumer<SweepRun> openPicture,
                        Consumer<String> say) {
        this.dialog = dialog;
        this.grid = dialog.grid();
        this.studioGraph = studioGraph;
        this.openPicture = openPicture;
        this.say = say;
    }

    /**
     * "Sweep…" in the parameters and its shortcut open the dialog; "Open as grid" in the viewer opens a grid
     * picture's sweep; {@code above} (above the gallery) gets a tile for each sweep on its way.
     */
    public void install(ParamsViewModel params, GalleryViewModel gallery, Scene scene, Consumer<Node> above,
                        Supplier<List<String>> checkpoints) {
        this.models = checkpoints;
        params.setSweepAction(this::openNew);
        scene.getAccelerators().put(Shortcut.SWEEP.combination(), this::openNew);
        above.accept(new SweepStrip(grid.runs(), this::openGrid));
        // a grid picture is saved after its last cell, so after that cell's refresh: the gallery shows it too
        grid.runs().setOnEnded(() -> Futures.detach(gallery.refresh(), "showing a sweep's grid picture"));
        gallery.reuse().setOpenGridAction(a -> Futures.detach(dialog.sweepOfGrid(a.id()).handle((run, e) -> {
            if (e != null) {
                say.accept(Messages.of(Futures.unwrap(e)));
            } else if (run.isPresent()) {
                openGrid(run.get());
            } else {
                say.accept(Messages.get("sweep.grid.notJournaled"));
            }
            return null;
        }), "opening a grid picture's sweep"));
    }

    /** "Sweep…": a new sweep over the studio's graph. */
    public void openNew() {
        dialog.forGraph(studioGraph.get());
        SweepDialog.open(Owners.current(), dialog, this::openGrid, models);
    }

    /** The grid window, showing {@code run}. */
    public void openGrid(SweepRun run) {
        grid.show(run);
        if (gridStage == null) {
            gridStage = new Stage();
            gridStage.initOwner(Owners.current());
            gridStage.titleProperty().bind(grid.runProperty().map(r -> Messages.get("sweep.grid.title", r.title())));
            var scene = new Scene(new SweepGridView(grid, new SweepGridView.Actions(this::rerun, this::extend,
                    openPicture)), 1100, 720);
            Window o = Owners.current();
            if (o != null && o.getScene() != null) {
                scene.getStylesheets().addAll(o.getScene().getStylesheets());
            }
            gridStage.setScene(scene);
            gridStage.setOnHidden(e -> grid.show(null)); // closed: it stops reading cells at each queue change
        }
        gridStage.show();
        gridStage.toFront();
    }

    void rerun(SweepRun run) {
        try {
            dialog.forRerun(run);
            SweepDialog.open(gridStage, dialog, this::openGrid, models);
        } catch (WorkflowException e) {
            say.accept(Messages.of(e));
        }
    }

    void extend(SweepRun run) {
        try {
            Futures.detach(dialog.forExtending(run).thenRun(() -> SweepDialog.open(gridStage, dialog, this::openGrid, models)),
                    "opening a sweep to extend");
        } catch (WorkflowException e) {
            say.accept(Messages.of(e));
        }
    }
}
