package dev.easel.ui.queue;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** The live job queue. */
public final class QueueView extends BorderPane {

    public QueueView(QueueViewModel vm) {
        getStyleClass().add("queue-view");
        var list = new ListView<>(vm.rows());
        list.setId("queueList");
        list.setPlaceholder(new Label(Messages.get("queue.noJobsYet")));
        list.setCellFactory(v -> new JobCell(vm::cancel, vm::retry, vm::retryWithNewSeed, vm::tryNow));
        var title = new Label(Messages.get("queue.queue"));
        title.getStyleClass().add("section-title");
        var clear = new Button(Messages.get("queue.clearFinished"), Icons.of(Feather.TRASH_2));
        clear.setId("clearFinishedButton");
        clear.setTooltip(new Tooltip(Messages.get("queue.removeFinishedJobsFrom")));
        clear.disableProperty().bind(vm.hasFinishedProperty().not());
        clear.setOnAction(e -> vm.clearFinished());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setTop(new VBox(new ToolBar(title, spacer, clear), budgetBanner(vm)));
        setCenter(list);
        // the rows' clocks and retry countdowns tick every second, without asking Runpod anything
        var clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            if (vm.runningProperty().get() + vm.queuedProperty().get() > 0) {
                list.refresh();
            }
        }));
        clock.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                clock.stop();
            } else {
                clock.play();
            }
        });
        var error = new Label();
        error.getStyleClass().add("job-error");
        error.textProperty().bind(vm.lastErrorProperty());
        error.visibleProperty().bind(vm.lastErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        setBottom(error);
    }

    /** "Paused: today's budget … would be passed", with Go on and Cancel waiting jobs: shown while a budget holds jobs. */
    private static Node budgetBanner(QueueViewModel vm) {
        var text = new Label();
        text.setId("budgetStop");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(vm.budgetStopProperty());
        var goOn = new Button(Messages.get("queue.budget.goOn"));
        goOn.setId("goPastBudgetButton");
        goOn.getStyleClass().add("accent");
        goOn.setOnAction(e -> vm.goPastBudget());
        var cancel = new Button(Messages.get("queue.budget.cancel"));
        cancel.setId("cancelWaitingButton");
        cancel.setOnAction(e -> vm.cancelWaiting());
        var buttons = new HBox(8, goOn, cancel);
        var banner = new VBox(6, text, buttons);
        banner.getStyleClass().add("notice-banner");
        banner.setPadding(new Insets(8));
        banner.visibleProperty().bind(vm.budgetStopProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
