package dev.easel.ui.endpoint;

import dev.easel.api.EndpointWorkers;
import dev.easel.io.Futures;
import dev.easel.jobs.EndpointCheck;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

import java.util.Locale;

/**
 * The endpoint panel's window: the endpoint's workers and queue, why jobs would wait (with Restore), Keep warm,
 * the doctor, a worker's log; and, for a Runpod endpoint, Deploy and Delete.
 */
public final class EndpointPanelView extends BorderPane {

    /** What the panel's buttons beyond the model do (the window's: they open dialogs, switch endpoint). */
    public record Actions(Runnable deploy, Runnable delete) { }

    public EndpointPanelView(EndpointPanelModel vm, BillModel bill, String name, Actions actions, Runnable onClose) {
        getStyleClass().add("endpoint-panel");
        setPadding(new Insets(14));

        var title = new Label(Messages.get("panel.title", name), Icons.of(Feather.SERVER));
        title.getStyleClass().add("title-3");
        var details = Labels.wrapped(new Label());
        details.setId("panelDetails");
        details.textProperty().bind(vm.detailsProperty());
        details.getStyleClass().add("text-muted");
        var refresh = new Button(null, Icons.of(Feather.REFRESH_CW));
        refresh.setId("panelRefreshButton");
        refresh.setTooltip(new Tooltip(Messages.get("panel.refresh")));
        refresh.setOnAction(e -> Futures.detach(vm.refresh(), "refreshing the endpoint panel"));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var head = new HBox(8, title, spacer, refresh);
        head.setAlignment(Pos.CENTER_LEFT);

        var sections = new VBox(14, workersSection(vm), warmSection(vm), doctorSection(vm), billSection(bill),
                logSection(vm));
        var scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        var notice = noticeBanner(vm); // above the scrolled sections: always in sight when shown
        VBox.setMargin(notice, new Insets(6, 0, 0, 0));
        setTop(new VBox(4, head, details, notice));
        BorderPane.setMargin(scroll, new Insets(10, 0, 10, 0));
        setCenter(scroll);

        var message = Labels.wrapped(new Label());
        message.setId("panelMessage");
        message.textProperty().bind(vm.messageProperty());
        var deploy = new Button(Messages.get("panel.deploy"), Icons.of(Feather.UPLOAD_CLOUD));
        deploy.setId("deployButton");
        deploy.setMinWidth(Region.USE_PREF_SIZE);
        deploy.setOnAction(e -> actions.deploy().run());
        var delete = new Button(Messages.get("panel.delete"), Icons.of(Feather.TRASH_2));
        delete.setId("deleteEndpointButton");
        delete.getStyleClass().add("danger");
        delete.setMinWidth(Region.USE_PREF_SIZE);
        delete.setOnAction(e -> actions.delete().run());
        delete.disableProperty().bind(vm.endpointProperty().isNull().or(vm.busyProperty()));
        var close = new Button(Messages.get("settings.close"));
        close.setId("closePanelButton");
        close.setCancelButton(true);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> onClose.run());
        HBox.setHgrow(message, Priority.ALWAYS);
        var buttons = new HBox(8, message, deploy, delete, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        setBottom(buttons);
    }

    /** Opens the panel (one window; shown again when asked again) and tells the model while it is open. */
    public static Stage open(Window owner, EndpointPanelModel vm, BillModel bill, String name, Actions actions) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("panel.windowTitle", name));
        var view = new EndpointPanelView(vm, bill, name, actions, stage::close);
        var scene = new Scene(view, 720, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                Futures.detach(vm.refresh(), "refreshing the endpoint panel");
            }
        });
        stage.setScene(scene);
        stage.setOnShown(e -> {
            vm.setWatched(true);
            Futures.detach(bill.refresh(), "reading the bill");
        });
        stage.setOnHidden(e -> vm.setWatched(false));
        return stage;
    }

    private static Node noticeBanner(EndpointPanelModel vm) {
        var text = Labels.wrapped(new Label(null, Icons.of(Feather.ALERT_TRIANGLE)));
        text.setId("panelNotice");
        text.textProperty().bind(vm.noticeProperty());
        var restore = new Button();
        restore.setId("restoreMaxButton");
        restore.getStyleClass().add("accent");
        restore.setMinWidth(Region.USE_PREF_SIZE);
        restore.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("panel.restore",
                vm.restoreToProperty().get()), vm.restoreToProperty()));
        restore.visibleProperty().bind(vm.restoreToProperty().greaterThan(0));
        restore.managedProperty().bind(restore.visibleProperty());
        restore.disableProperty().bind(vm.busyProperty());
        restore.setOnAction(e -> Futures.detach(vm.restoreMax(), "restoring max workers"));
        var keep = new Button(Messages.get("panel.keepMax"));
        keep.setId("keepMaxButton");
        keep.setMinWidth(Region.USE_PREF_SIZE);
        keep.visibleProperty().bind(vm.troubleProperty().isEqualTo(EndpointCheck.Trouble.LOWERED));
        keep.managedProperty().bind(keep.visibleProperty());
        keep.setOnAction(e -> Futures.detach(vm.keepMax(), "keeping max workers"));
        HBox.setHgrow(text, Priority.ALWAYS);
        var banner = new HBox(10, text, restore, keep);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("notice-banner");
        banner.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static Node workersSection(EndpointPanelModel vm) {
        var counts = Labels.wrapped(new Label());
        counts.setId("panelCounts");
        counts.textProperty().bind(vm.countsProperty());
        var list = new ListView<>(vm.workers());
        list.setId("workerList");
        list.setPrefHeight(150);
        list.setPlaceholder(new Label(Messages.get("panel.noWorkers")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EndpointPanelModel.WorkerRow w, boolean empty) {
                super.updateItem(w, empty);
                if (empty || w == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setGraphic(Icons.of(icon(w.state())));
                setText(w.id() + "   " + w.state().name().toLowerCase(Locale.ROOT)
                        + (w.gpu().isEmpty() ? "" : "   " + w.gpu()) + (w.uptime().isEmpty() ? "" : "   up " + w.uptime())
                        + (w.stale() ? "   " + Messages.get("panel.stale") : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, w) -> {
            if (w != null) {
                vm.log().choose(w.id(), w.state());
            }
        });
        return section(Messages.get("panel.workers"), counts, list);
    }

    private static Feather icon(EndpointWorkers.State s) {
        return switch (s) {
            case RUNNING -> Feather.PLAY_CIRCLE;
            case IDLE -> Feather.PAUSE_CIRCLE;
            case INITIALIZING -> Feather.LOADER;
            case THROTTLED -> Feather.CLOCK;
            case UNHEALTHY -> Feather.ALERT_OCTAGON;
            case OTHER -> Feather.HELP_CIRCLE;
        };
    }

    private static Node warmSection(EndpointPanelModel vm) {
        var minutes = new Spinner<Integer>(5, 240, 30, 5);
        minutes.setId("warmMinutesSpinner");
        minutes.setEditable(true);
        minutes.setPrefWidth(90);
        var start = new Button(Messages.get("panel.warm.start"), Icons.of(Feather.SUN));
        start.setId("keepWarmButton");
        start.setMinWidth(Region.USE_PREF_SIZE);
        // not disabled while busy (the model ignores a second click): a focused button going grey would move the
        // focus, and the scroll pane with it
        start.disableProperty().bind(vm.warmProperty().or(vm.endpointProperty().isNull()));
        start.setOnAction(e -> Futures.detach(vm.keepWarm(minutes.getValue()), "keeping a worker warm"));
        var end = new Button(Messages.get("panel.warm.end"), Icons.of(Feather.MOON));
        end.setId("endWarmButton");
        end.setMinWidth(Region.USE_PREF_SIZE);
        end.disableProperty().bind(vm.warmProperty().not());
        end.setOnAction(e -> Futures.detach(vm.endWarm(), "ending the warm spell"));
        vm.warmProperty().addListener((o, was, now) -> {
            if (start.isFocused() || end.isFocused()) {
                (now ? end : start).requestFocus(); // the focus goes to the button that took the other's place
            }
        });
        var state = Labels.wrapped(new Label());
        state.setId("warmState");
        state.textProperty().bind(Bindings.createStringBinding(() -> vm.warmProperty().get() ? vm.warmTextProperty().get()
                : Messages.get("panel.warm.off", String.format(Locale.ROOT, "%.3f",
                vm.owned().pricePerSecond() * 60)), vm.warmProperty(), vm.warmTextProperty()));
        var row = new HBox(8, new Label(Messages.get("panel.warm.for")), minutes, new Label(Messages.get("panel.minutes")),
                start, end);
        row.setAlignment(Pos.CENTER_LEFT);
        return section(Messages.get("panel.warm"), row, state);
    }

    /** Runpod's bill beside Easel's estimates, read when the panel opens and on "Compare with the bill". */
    private static Node billSection(BillModel bill) {
        var day = Labels.wrapped(new Label());
        day.setId("billDay");
        day.textProperty().bind(bill.dayProperty());
        var month = Labels.wrapped(new Label());
        month.setId("billMonth");
        month.textProperty().bind(bill.monthProperty());
        month.visibleProperty().bind(bill.monthProperty().isNotEmpty());
        month.managedProperty().bind(month.visibleProperty());
        var note = Labels.wrapped(new Label(Messages.get("panel.bill.note")));
        note.getStyleClass().add("text-muted");
        var compare = new Button(Messages.get("panel.bill.compare"), Icons.of(Feather.DOLLAR_SIGN));
        compare.setId("compareBillButton");
        compare.disableProperty().bind(bill.busyProperty());
        compare.setOnAction(e -> Futures.detach(bill.refresh(), "reading the bill"));
        var daysTitle = new Label(Messages.get("panel.bill.days"));
        daysTitle.getStyleClass().add("text-muted");
        var days = new VBox(2);
        days.setId("billDays");
        Runnable showDays = () -> days.getChildren().setAll(bill.days().stream().map(Label::new).toList());
        bill.days().addListener((ListChangeListener<String>) c -> showDays.run());
        daysTitle.visibleProperty().bind(Bindings.isNotEmpty(bill.days()));
        daysTitle.managedProperty().bind(daysTitle.visibleProperty());
        return section(Messages.get("panel.bill"), day, month, daysTitle, days, note, compare);
    }

    private static Node doctorSection(EndpointPanelModel vm) {
        var lines = new VBox(6);
        lines.setId("doctorLines");
        vm.doctor().addListener((ListChangeListener<EndpointPanelModel.DoctorLine>) c -> {
            lines.getChildren().clear();
            for (var d : vm.doctor()) {
                var l = Labels.wrapped(new Label(d.text(), Icons.of(switch (d.severity()) {
                    case OK -> Feather.CHECK_CIRCLE;
                    case INFO -> Feather.INFO;
                    case WARNING -> Feather.ALERT_TRIANGLE;
                    case PROBLEM -> Feather.X_CIRCLE;
                })));
                l.getStyleClass().add(switch (d.severity()) {
                    case OK, INFO -> "doctor-ok";
                    case WARNING -> "problem-warning";
                    case PROBLEM -> "problem-error";
                });
                lines.getChildren().add(l);
            }
        });
        return section(Messages.get("panel.doctor"), lines);
    }

    private static Node logSection(EndpointPanelModel vm) {
        var title = Labels.wrapped(new Label());
        title.textProperty().bind(vm.log().titleProperty());
        var text = new TextArea();
        text.setId("workerLogText");
        text.setEditable(false);
        text.setPrefRowCount(10);
        text.getStyleClass().add("monospace-text");
        vm.log().lines().addListener((ListChangeListener<String>) c -> {
            text.setText(String.join("\n", vm.log().lines()));
            text.positionCaret(text.getLength());
        });
        return section(Messages.get("panel.log"), title, text);
    }

    private static Node section(String titleText, Node... content) {
        var title = new Label(titleText);
        title.getStyleClass().add("section-title");
        var box = new VBox(6, title);
        box.getChildren().addAll(content);
        return box;
    }

}
