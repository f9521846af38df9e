package dev.easel.ui.studio;

import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import dev.easel.ui.gallery.GalleryView;
import dev.easel.ui.json.JsonPanelView;
import dev.easel.ui.params.ParamsView;
import dev.easel.ui.fx.FxExecutor;
import dev.easel.ui.prompt.PromptView;
import dev.easel.ui.queue.QueueView;
import dev.easel.ui.queue.QueueViewModel;
import dev.easel.workflow.Template;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Orientation;
import org.kordamp.ikonli.feather.Feather;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** The main window: prompt and parameters on the left, the gallery in the middle, queue and JSON as side panels. */
public final class StudioView extends BorderPane {

    /** What the status bar says about the endpoint. */
    public record EndpointInfo(String name, boolean demo, ReadOnlyStringProperty notice, Runnable openPanel) { }

    /** The columns' widths in pixels: the left one (prompt, parameters) and the side one (queue, JSON). */
    public record Panes(double left, double side) {
        public static final Panes DEFAULT = new Panes(340, 320);

        /** Widths a saved window state names, or the defaults where it names none (0). */
        public static Panes of(double left, double side) {
            return new Panes(left > 0 ? left : DEFAULT.left(), side > 0 ? side : DEFAULT.side());
        }
    }

    private static final double LEFT_MIN = 300;
    private static final double GALLERY_MIN = 360;
    private static final double SIDE_MIN = 240;
    private static final double JSON_SIDE = 440;

    private final ObjectProperty<Panes> panes = new SimpleObjectProperty<>(Panes.DEFAULT);
    private boolean placing;
    /** A divider of the studio's split is being dragged. */
    private boolean dragging;
    /** The columns are to be placed again after this layout (the window's size changed). */
    private boolean replacing;

    /** What the Help menu does. */
    public record Help(Runnable about, Runnable shortcuts, Runnable logs) { }

    public StudioView(StudioViewModel vm, QueueViewModel queue, GalleryView gallery, QueueView queueView,
                      Supplier<JsonPanelView> json, EndpointInfo endpoint, Runnable openSettings,
                      Help help, UserTemplatesModel mine) {
        getStyleClass().add("studio");

        // top bar
        var templates = new ComboBox<>(vm.templates());
        templates.setId("templateBox");
        templates.setTooltip(new Tooltip(Messages.get("studio.theWorkflowToStart")));
        templates.valueProperty().bindBidirectional(vm.templateProperty());
        templates.setCellFactory(v -> templateCell(vm, true));
        templates.setButtonCell(templateCell(vm, false));
        // what the endpoint is known to have changes (a failure lists its checkpoints): the notes follow
        vm.endpointModelsProperty().addListener((o, was, now) -> {
            templates.setCellFactory(v -> templateCell(vm, true));
            templates.setButtonCell(templateCell(vm, false));
        });
        var endpointLabel = new Button(endpoint.name(), Icons.of(Feather.SERVER));
        endpointLabel.setId("endpointButton");
        endpointLabel.getStyleClass().add("flat");
        endpointLabel.setTooltip(new Tooltip(Messages.get("studio.endpointPanel")));
        endpointLabel.setOnAction(e -> endpoint.openPanel().run());
        var showQueue = new ToggleButton(Messages.get("studio.queue"), Icons.of(Feather.LIST));
        showQueue.setId("showQueueButton");
        showQueue.setSelected(true);
        var showJson = new ToggleButton(Messages.get("studio.json"), Icons.of(Feather.CODE));
        showJson.setId("showJsonButton");
        showJson.setTooltip(new Tooltip(Messages.get("studio.theWorkflowAsJson")));
        var settings = new Button(null, Icons.of(Feather.SETTINGS));
        settings.setId("settingsButton");
        settings.setTooltip(new Tooltip(Messages.get("studio.settingsEndpointsApiKey")));
        settings.setOnAction(e -> openSettings.run());
        var about = new MenuItem(Messages.get("studio.aboutEasel"));
        about.setOnAction(e -> help.about().run());
        var keys = new MenuItem(Messages.get("studio.keyboardShortcuts"));
        keys.setOnAction(e -> help.shortcuts().run());
        var logs = new MenuItem(Messages.get("studio.openTheLogFolder"));
        logs.setOnAction(e -> help.logs().run());
        var helpMenu = new MenuButton(null, Icons.of(Feather.HELP_CIRCLE), keys, logs,
                new SeparatorMenuItem(), about);
        helpMenu.setId("helpMenu");
        helpMenu.setTooltip(new Tooltip(Messages.get("studio.help")));
        helpMenu.setAccessibleText(Messages.get("studio.help"));
        var viewMenu = viewMenu(vm, showQueue, showJson);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setTop(new ToolBar(new Label(Messages.get("studio.template")), templates, templateMenu(mine), endpointLabel, spacer,
                showQueue, showJson, viewMenu, settings, helpMenu));

        // left: prompt, parameters, Generate
        var generate = new Button(Messages.get("studio.generate"), Icons.of(Feather.PLAY));
        generate.setId("generateButton");
        generate.getStyleClass().add("accent");
        generate.setMaxWidth(Double.MAX_VALUE);
        generate.setTooltip(new Tooltip(Messages.get("studio.queueThePictureCtrl")));
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        var problem = new Label();
        problem.setId("generateProblem");
        problem.getStyleClass().add(vm.problemProperty().get() != null ? "job-error" : "job-note");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> vm.problemProperty().get() != null ? vm.problemProperty().get() : vm.messageProperty().get(),
                vm.problemProperty(), vm.messageProperty()));
        // what stops Generate is red; a notice ("Saved as template …") is said in the muted tone
        vm.problemProperty().addListener((o, was, now) -> problem.getStyleClass().setAll("label",
                now != null ? "job-error" : "job-note"));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        var controls = new VBox(12, new PromptView(vm), new ParamsView(vm.params()));
        controls.setPadding(new Insets(12));
        var controlsScroll = new ScrollPane(controls);
        controlsScroll.setFitToWidth(true);
        controlsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // Generate stays in view however small the window: it sits below the scrolling controls
        var action = new VBox(6, generate, problem);
        action.setPadding(new Insets(8, 12, 12, 12));
        var leftScroll = new BorderPane(controlsScroll, null, null, action, null);
        leftScroll.setMinWidth(300);
        leftScroll.setPrefWidth(360);

        // centre and side: the queue and the JSON panel share one side column, one above the other when both are
        // open, so the gallery keeps its width; the left column and the side keep theirs when the window resizes
        gallery.setMinWidth(GALLERY_MIN);
        var side = new SplitPane();
        side.setId("sidePanels");
        side.setOrientation(Orientation.VERTICAL);
        side.setMinWidth(SIDE_MIN);
        var split = new SplitPane(leftScroll, gallery);
        split.setId("studioSplit");
        SplitPane.setResizableWithParent(leftScroll, false);
        SplitPane.setResizableWithParent(side, false);
        var jsonPanel = new SimpleObjectProperty<JsonPanelView>();
        // the side column's width: the user's, or wider while it holds the JSON editor, which needs room for its lines
        DoubleSupplier sideWidth = () -> showJson.isSelected() ? Math.max(panes.get().side(), JSON_SIDE)
                : panes.get().side();
        Runnable sides = () -> {
            List<Node> open = new ArrayList<>();
            if (showQueue.isSelected()) {
                open.add(queueView);
            }
            if (showJson.isSelected()) {
                if (jsonPanel.get() == null) { // the JSON panel (a RichTextFX editor) is made when first opened
                    jsonPanel.set(json.get());
                }
                open.add(jsonPanel.get());
            }
            side.getItems().setAll(open);
            if (open.size() == 2) {
                side.setDividerPositions(0.4);
            }
            if (open.isEmpty()) {
                split.getItems().remove(side);
            } else if (!split.getItems().contains(side)) {
                split.getItems().add(side);
            }
            place(split, panes.get().left(), open.isEmpty() ? 0 : sideWidth.getAsDouble());
        };
        showQueue.selectedProperty().addListener((o, was, on) -> sides.run());
        showJson.selectedProperty().addListener((o, was, on) -> sides.run());
        sides.run();
        // the widths the user drags the columns to are kept (the window remembers them); a window made smaller squeezes
        // the columns only as far as it must, and made larger again gives them those widths back
        // (after the split's own layout of the new width, which keeps the columns' old widths and would undo it)
        split.widthProperty().addListener((o, was, now) -> {
            if (!replacing) {
                replacing = true;
                new FxExecutor().later(() -> {
                    replacing = false;
                    place(split, panes.get().left(), split.getItems().contains(side) ? sideWidth.getAsDouble() : 0);
                });
            }
        });
        split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = onDivider(e.getTarget(), split));
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging) {
                dragging = false;
                keep(split, leftScroll, side);
            }
        });
        setCenter(split);

        // status bar
        var badge = new Label(endpoint.demo() ? Messages.get("studio.demoImagesAreProcedural") : endpoint.name(),
                Icons.of(endpoint.demo() ? Feather.INFO : Feather.CLOUD));
        badge.setId("demoBadge");
        badge.getStyleClass().add(endpoint.demo() ? "demo-badge" : "endpoint-badge");
        var running = new Label();
        running.setId("runningLabel");
        running.textProperty().bind(Bindings.createStringBinding(() ->
                Messages.get("studio.status", queue.runningProperty().get(), queue.queuedProperty().get(),
                        String.format(Locale.ROOT, "%.4f", queue.sessionCostProperty().get())), queue.runningProperty(),
                queue.queuedProperty(), queue.sessionCostProperty()));
        var spending = new Tooltip();
        spending.setId("spendingTooltip");
        spending.textProperty().bind(Bindings.createStringBinding(() -> spendingText(
                queue.sessionCostProperty().get(), queue.todayCostProperty().get(), queue.monthCostProperty().get()),
                queue.sessionCostProperty(), queue.todayCostProperty(), queue.monthCostProperty()));
        spending.setWrapText(true);
        spending.setMaxWidth(420);
        running.setTooltip(spending);
        var spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        var connect = new Hyperlink(Messages.get("studio.connectRunpod"));
        connect.setId("connectRunpodLink");
        connect.setOnAction(e -> openSettings.run());
        connect.setVisible(endpoint.demo());
        connect.setManaged(endpoint.demo());
        var notice = new Hyperlink(null, Icons.of(Feather.ALERT_TRIANGLE));
        notice.setId("endpointNotice");
        notice.getStyleClass().add("endpoint-notice");
        notice.textProperty().bind(endpoint.notice());
        notice.visibleProperty().bind(endpoint.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setOnAction(e -> endpoint.openPanel().run());
        var noticeTip = new Tooltip();
        noticeTip.textProperty().bind(endpoint.notice());
        noticeTip.setWrapText(true);
        noticeTip.setMaxWidth(480);
        notice.setTooltip(noticeTip);
        notice.setMinWidth(80); // the notice gives way (its tooltip and the panel say it all), the badge and counts do not
        for (var l : new Labeled[] {badge, connect, running}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        var status = new HBox(12, badge, connect, notice, spacer2, running);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 10, 4, 10));
        status.getStyleClass().add("status-bar");
        setBottom(status);
    }

    /** The user's own templates: save the graph as one; rename or delete the one being edited. */
    private static MenuButton templateMenu(UserTemplatesModel mine) {
        var save = new MenuItem(Messages.get("template.menu.save"));
        save.setId("saveTemplateItem");
        save.setOnAction(e -> mine.saveAsTemplate());
        var rename = new MenuItem(Messages.get("template.menu.rename"));
        rename.setId("renameTemplateItem");
        rename.setOnAction(e -> mine.rename());
        var delete = new MenuItem(Messages.get("template.menu.delete"));
        delete.setId("deleteTemplateItem");
        delete.setOnAction(e -> mine.delete());
        for (MenuItem i : new MenuItem[] {rename, delete}) {
            i.disableProperty().bind(mine.canChangeProperty().not());
        }
        var menu = new MenuButton(null, Icons.of(Feather.BOOKMARK), save, new SeparatorMenuItem(), rename, delete);
        menu.setId("templateMenu");
        menu.setTooltip(new Tooltip(Messages.get("template.menu")));
        menu.setAccessibleText(Messages.get("template.menu"));
        return menu;
    }

    /** View: the theme (follow the system, light, dark; applied at once) and the side panels. */
    private static MenuButton viewMenu(StudioViewModel vm, ToggleButton showQueue, ToggleButton showJson) {
        var group = new ToggleGroup();
        var themeMenu = new Menu(Messages.get("studio.view.theme"));
        for (ThemeChoice c : ThemeChoice.values()) {
            var item = new RadioMenuItem(Labels.theme(c));
            item.setId("theme-" + c.key());
            item.setToggleGroup(group);
            item.setUserData(c);
            item.setSelected(vm.themeProperty().get() == c);
            themeMenu.getItems().add(item);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null && now.getUserData() != vm.themeProperty().get()) {
                vm.themeProperty().set((ThemeChoice) now.getUserData());
            }
        });
        vm.themeProperty().addListener((o, was, now) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        var queueItem = new CheckMenuItem(Messages.get("studio.view.queue"));
        queueItem.selectedProperty().bindBidirectional(showQueue.selectedProperty());
        var jsonItem = new CheckMenuItem(Messages.get("studio.view.json"));
        jsonItem.selectedProperty().bindBidirectional(showJson.selectedProperty());
        var menu = new MenuButton(null, Icons.of(Feather.EYE), themeMenu, new SeparatorMenuItem(), queueItem, jsonItem);
        menu.setId("viewMenu");
        menu.setTooltip(new Tooltip(Messages.get("studio.view")));
        menu.setAccessibleText(Messages.get("studio.view"));
        return menu;
    }

    /** The left column's and the side column's widths, in pixels: what the user dragged them to. */
    public ObjectProperty<Panes> panesProperty() {
        return panes;
    }

    /** Sets the dividers so the left column and the side column (0: closed) are this wide, the gallery the rest. */
    private void place(SplitPane split, double left, double sideWidth) {
        double total = split.getWidth();
        if (total <= 0) {
            return; // placed when the split gets its width
        }
        placing = true;
        try {
            double l = Math.clamp(left, LEFT_MIN, Math.max(LEFT_MIN, total * 0.45));
            double s = Math.min(sideWidth, Math.max(0, total - l - GALLERY_MIN));
            if (split.getItems().size() == 3) {
                split.setDividerPositions(l / total, 1 - s / total);
            } else {
                split.setDividerPositions(l / total);
            }
        } finally {
            placing = false;
        }
    }

    /** Whether a mouse press was on one of the split's own dividers (not in a column). */
    private static boolean onDivider(Object target, SplitPane split) {
        for (Node n = target instanceof Node node ? node : null; n != null && n != split; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider") && n.getParent() == split) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the widths the user dragged the columns to (not those a window resize gave them). */
    private void keep(SplitPane split, Region left, Region side) {
        if (placing || split.getWidth() <= 0) {
            return;
        }
        double sideWidth = split.getItems().contains(side) && side.getWidth() > 0 ? side.getWidth() : panes.get().side();
        var now = new Panes(left.getWidth() > 0 ? left.getWidth() : panes.get().left(), sideWidth);
        if (!now.equals(panes.get())) {
            panes.set(now);
        }
    }

    /** A template's name, and in the list what the endpoint is known to have of its models. */
    private static ListCell<Template> templateCell(StudioViewModel vm, boolean inList) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Template t, boolean empty) {
                super.updateItem(t, empty);
                String note = empty || t == null ? "" : vm.modelNote(t);
                setText(empty || t == null ? null : inList && !note.isEmpty() ? t.name() + "  ·  " + note : t.name());
                getStyleClass().remove("template-lacks-model");
                if (note.startsWith("needs ")) {
                    getStyleClass().add("template-lacks-model");
                }
                setTooltip(empty || t == null ? null : new Tooltip(t.description()
                        + (note.isEmpty() ? "" : "\n\nThis endpoint: " + note + ".")));
            }
        };
    }

    /** The status bar's spending tooltip: session, today, month, and why the bill is higher. */
    static String spendingText(double session, double today, double month) {
        return Messages.get("studio.spending", String.format(Locale.ROOT, "%.4f", session),
                String.format(Locale.ROOT, "%.4f", today), String.format(Locale.ROOT, "%.4f", month));
    }
}
