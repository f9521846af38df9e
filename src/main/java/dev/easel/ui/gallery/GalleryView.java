package dev.easel.ui.gallery;

import dev.easel.io.Futures;
import dev.easel.library.LibraryQuery;
import dev.easel.settings.Settings;
import dev.easel.text.Messages;
import dev.easel.ui.Shortcut;
import dev.easel.ui.fx.Icons;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import dev.easel.ui.fx.Labels;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.scene.control.Hyperlink;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The library: a search and filter bar, the virtual grid of thumbnails, a bar of actions for the selection, and the
 * viewer, which takes the gallery's whole area while an image is open (Esc goes back to the grid, where it was).
 * Files dropped on it (or opened with Ctrl+O) are imported.
 */
public final class GalleryView extends StackPane {

    private final GalleryViewModel vm;
    private final ThumbnailGrid grid;
    private ViewerPane viewer; // made when the first picture is opened: a faster start
    private final VBox above;
    /** How long Undo is offered after a Move to trash. */
    static final Duration UNDO_OFFERED = Duration.seconds(8);

    private final ObjectProperty<Settings.Export> exportChoices = new SimpleObjectProperty<>(Settings.Export.DEFAULT);

    public GalleryView(GalleryViewModel vm, Consumer<Path> openFolder) {
        this.vm = vm;
        getStyleClass().add("gallery-view");
        grid = new ThumbnailGrid(vm, vm::open);

        // the empty states: a new library invites the first Generate; a search that finds nothing says so
        var empty = new Label(Messages.get("gallery.yourPicturesWillAppear"));
        empty.setId("galleryEmpty");
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(vm.loadedProperty().and(Bindings.isEmpty(vm.tiles()))
                .and(vm.libraryEmptyProperty()));
        var nothing = new Label(Messages.get("gallery.nothingMatchesTryOther"));
        nothing.setId("galleryNothing");
        nothing.getStyleClass().add("empty-state");
        nothing.visibleProperty().bind(vm.loadedProperty().and(Bindings.isEmpty(vm.tiles()))
                .and(empty.visibleProperty().not()));
        for (Label l : List.of(empty, nothing)) {
            l.setMouseTransparent(true);
            l.setWrapText(true); // a narrow gallery wraps the sentence rather than cutting it
            l.setPadding(new Insets(0, 16, 0, 16));
        }

        above = new VBox(toolbar());
        var center = new BorderPane(new StackPane(grid, empty, nothing), above, null, selectionBar(), null);
        center.setMinWidth(240);
        getChildren().add(center);
        vm.viewedProperty().addListener((o, was, a) -> {
            if (viewer == null) {
                viewer = new ViewerPane(vm, openFolder, this::export);
                getChildren().add(viewer);
            }
            viewer.setVisible(a != null);
            center.setVisible(a == null);
            if (a == null) {
                grid.requestFocus();
            } else if (was == null) {
                viewer.requestFocus();
            }
        });
        var menu = contextMenu();
        grid.setOnContextMenuRequested(e -> menu.show(grid, e.getScreenX(), e.getScreenY()));
        // the gallery's keys work wherever the focus is (a toolbar button, the viewer's panel, the left column), not
        // only inside the gallery: a filter on the window sees them before a focused button turns them into traversal
        EventHandler<KeyEvent> keys = new GalleryKeys(this, vm, grid)::key;
        sceneProperty().addListener((o, was, scene) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
                scene.getAccelerators().put(Shortcut.OPEN.combination(), this::openFiles);
            }
        });
        installDropTarget(this);
    }

    /** The export dialog's choices as last used: set from the settings, kept there when an export changes them. */
    public ObjectProperty<Settings.Export> exportChoicesProperty() {
        return exportChoices;
    }

    /** Puts {@code node} between the toolbar and the grid (the placeholders of the pictures on their way). */
    public void showAboveTheGrid(Node node) {
        above.getChildren().add(node);
    }

    private Node toolbar() {
        var search = new TextField();
        search.setId("gallerySearch");
        search.setPromptText(Messages.get("gallery.searchPromptsCtrlF"));
        search.setAccessibleText(Messages.get("gallery.searchPrompts"));
        search.setTooltip(new Tooltip(Messages.get("gallery.search.tooltip")));
        search.textProperty().bindBidirectional(vm.filters().queryProperty());
        var typing = new PauseTransition(Duration.millis(200));
        typing.setOnFinished(e -> vm.refresh());
        search.textProperty().addListener((o, was, now) -> typing.playFromStart());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                grid.requestFocus();
                e.consume();
            }
        });
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(Shortcut.SEARCH.combination(), () -> {
                    if (vm.viewedProperty().get() != null) {
                        vm.closeViewer(); // the search box is on the grid's side: back there, then into it
                    }
                    search.requestFocus();
                });
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);

        var favourites = new ToggleButton(null, Icons.of(Feather.STAR));
        favourites.setId("favouritesOnlyToggle");
        favourites.setTooltip(new Tooltip(Messages.get("gallery.favouritesOnly")));
        favourites.setAccessibleText(Messages.get("gallery.favouritesOnly"));
        favourites.selectedProperty().bindBidirectional(vm.filters().favouritesOnlyProperty());
        var sort = new ComboBox<LibraryQuery.Sort>();
        sort.setId("sortCombo");
        sort.getItems().setAll(LibraryQuery.Sort.values());
        sort.setConverter(Labels.of(s -> switch (s) {
            case NEWEST -> Messages.get("gallery.sort.newest");
            case OLDEST -> Messages.get("gallery.sort.oldest");
            case PROMPT -> Messages.get("gallery.sort.prompt");
        }));
        sort.valueProperty().bindBidirectional(vm.filters().sortProperty());
        sort.setTooltip(new Tooltip(Messages.get("gallery.order")));
        var filtersToggle = new ToggleButton(null, Icons.of(Feather.FILTER));
        filtersToggle.setAccessibleText(Messages.get("gallery.filters"));
        filtersToggle.setId("filtersToggle");
        filtersToggle.setTooltip(new Tooltip(Messages.get("gallery.dateTemplateEndpointSize")));
        var size = new Slider(96, 256, vm.thumbSizeProperty().get());
        size.setId("thumbSizeSlider");
        size.setPrefWidth(90);
        size.setTooltip(new Tooltip(Messages.get("gallery.thumbnailSize")));
        size.setAccessibleText(Messages.get("gallery.thumbnailSize"));
        size.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                vm.thumbSizeProperty().set(Math.round(size.getValue()));
            }
        });
        size.setOnMouseReleased(e -> vm.thumbSizeProperty().set(Math.round(size.getValue())));
        var rescan = new Button(null, Icons.of(Feather.REFRESH_CW));
        rescan.setId("rescanButton");
        rescan.setTooltip(new Tooltip(Messages.get("gallery.rescanTheOutputFolder")));
        rescan.setAccessibleText(Messages.get("gallery.rescan.accessible"));
        rescan.setOnAction(e -> vm.rescan());
        rescan.disableProperty().bind(vm.busyProperty());
        var open = new Button(null, Icons.of(Feather.FOLDER_PLUS));
        open.setId("importButton");
        open.setTooltip(new Tooltip(Messages.get("gallery.open.tooltip")));
        open.setAccessibleText(Messages.get("gallery.openOrImportFiles"));
        open.setOnAction(e -> openFiles());
        var summary = new Label();
        summary.setId("gallerySummary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        for (var c : List.<Region>of(favourites, filtersToggle, rescan, open, sort)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setMinWidth(120);
        var row = new HBox(6, search, favourites, filtersToggle, rescan, open);
        row.setAlignment(Pos.CENTER_LEFT);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var sizeIcon = Icons.of(Feather.GRID);
        var second = new HBox(6, sort, sizeIcon, size, spacer, summary);
        second.setAlignment(Pos.CENTER_LEFT);

        // the filter row (date pickers, combo boxes) is made the first time it is shown: a faster start
        var filters = new VBox();
        filters.visibleProperty().bind(filtersToggle.selectedProperty());
        filters.managedProperty().bind(filtersToggle.selectedProperty());
        filtersToggle.selectedProperty().addListener((o, was, on) -> {
            if (on && filters.getChildren().isEmpty()) {
                filters.getChildren().add(new GalleryFilterBar(vm.filters(), vm.facetsProperty()));
            }
        });
        var typingSeed = new PauseTransition(Duration.millis(300));
        typingSeed.setOnFinished(e -> vm.refresh());
        vm.filters().seedProperty().addListener((o, was, now) -> typingSeed.playFromStart());
        var box = new VBox(6, row, second, filters);
        box.setPadding(new Insets(8, 12, 4, 12));
        return box;
    }

    private Node selectionBar() {
        var count = new Label();
        count.setId("selectionCount");
        var favourite = new Button(Messages.get("gallery.favourite"), Icons.of(Feather.STAR));
        favourite.setId("bulkFavouriteButton");
        favourite.setTooltip(new Tooltip(Messages.get("gallery.markOrUnmarkAs")));
        favourite.setOnAction(e -> vm.actions().toggleFavourite());
        var tag = new Button(Messages.get("gallery.tag"), Icons.of(Feather.TAG));
        tag.setId("bulkTagButton");
        tag.setOnAction(e -> askTag());
        var compare = new Button(Messages.get("gallery.compare"), Icons.of(Feather.COLUMNS));
        compare.setId("compareButton");
        compare.setTooltip(new Tooltip(Messages.get("gallery.showTheTwoSelected")));
        compare.setOnAction(e -> vm.compareSelected());
        var export = new Button(Messages.get("gallery.export"), Icons.of(Feather.SHARE));
        export.setId("bulkExportButton");
        export.setOnAction(e -> export());
        var trash = new Button(Messages.get("gallery.moveToTrash"), Icons.of(Feather.TRASH_2));
        trash.setId("bulkTrashButton");
        trash.setTooltip(new Tooltip(Messages.get("gallery.moveTheFilesTo")));
        trash.setOnAction(e -> vm.actions().deleteTargets());
        var clear = new Button(null, Icons.of(Feather.X));
        clear.setId("clearSelectionButton");
        clear.setTooltip(new Tooltip(Messages.get("gallery.clearTheSelection")));
        clear.setOnAction(e -> vm.clearSelection());
        var actions = new FlowPane(6, 6, count, favourite, tag, compare, export, trash, clear);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (var c : List.<Region>of(count, favourite, tag, compare, export, trash, clear)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        actions.setId("selectionBar");
        Runnable update = () -> {
            int n = vm.selected().size();
            count.setText(Messages.get("gallery.selected", n));
            compare.setDisable(n != 2);
            actions.setVisible(n > 1);
            actions.setManaged(n > 1);
        };
        vm.selected().addListener((SetChangeListener<Long>) c -> update.run());
        update.run();
        var message = new Label();
        message.setId("galleryMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        // "Moved 2 images to the trash. Undo": for a few seconds, then the trash is the desktop's to manage
        var undo = new Hyperlink(Messages.get("gallery.undoTrash"));
        undo.setId("undoTrashButton");
        undo.setOnAction(e -> vm.actions().undoDelete());
        undo.visibleProperty().bind(Bindings.createBooleanBinding(() -> !vm.actions().undoableProperty().get().isEmpty(),
                vm.actions().undoableProperty()));
        undo.managedProperty().bind(undo.visibleProperty());
        var offered = new PauseTransition(UNDO_OFFERED);
        offered.setOnFinished(e -> vm.actions().forgetUndo());
        vm.actions().undoableProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                offered.playFromStart();
            }
        });
        var said = new HBox(4, message, undo);
        said.setAlignment(Pos.CENTER_LEFT);
        var box = new VBox(4, actions, said);
        box.setPadding(new Insets(4, 12, 8, 12));
        return box;
    }

    private ContextMenu contextMenu() {
        var open = new MenuItem(Messages.get("gallery.open"));
        open.setOnAction(e -> vm.open(vm.focusProperty().get()));
        var favourite = new MenuItem(Messages.get("gallery.favouriteUnfavourite"));
        favourite.setOnAction(e -> vm.actions().toggleFavourite());
        var tag = new MenuItem(Messages.get("gallery.tag"));
        tag.setOnAction(e -> askTag());
        var use = new MenuItem(Messages.get("gallery.useTheseSettings"));
        use.setOnAction(e -> {
            var t = vm.focusedTile();
            if (t != null) {
                Futures.detach(vm.open(vm.focusProperty().get()).thenRun(() -> vm.reuse().useSettings(vm.viewedProperty().get())),
                        "using a picture's settings");
            }
        });
        var input = new MenuItem(Messages.get("gallery.input.menu"));
        input.setOnAction(e -> {
            if (vm.focusedTile() != null) {
                Futures.detach(vm.open(vm.focusProperty().get()).thenRun(() -> vm.reuse().useAsInput(vm.viewedProperty().get())),
                        "using a picture as the input image");
            }
        });
        var compare = new MenuItem(Messages.get("gallery.compareTheTwoSelected"));
        compare.setOnAction(e -> vm.compareSelected());
        var export = new MenuItem(Messages.get("gallery.export"));
        export.setOnAction(e -> export());
        var trash = new MenuItem(Messages.get("gallery.moveToTrash"));
        trash.setOnAction(e -> vm.actions().deleteTargets());
        return new ContextMenu(open, use, input, favourite, tag, compare, new SeparatorMenuItem(), export,
                new SeparatorMenuItem(), trash);
    }

    private void askTag() {
        if (vm.targets().isEmpty()) {
            return;
        }
        var dialog = new TextInputDialog();
        dialog.setTitle(Messages.get("gallery.tagDialog.title"));
        dialog.setHeaderText("Tag " + (vm.targets().size() == 1 ? "this image" : vm.targets().size() + " images"));
        dialog.setContentText(Messages.get("gallery.tagDialog.label"));
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(vm.actions()::addTag);
    }

    /** Asks where and how, then exports the selected images. */
    private void export() {
        int n = vm.targets().size();
        if (n == 0) {
            return;
        }
        var dialog = new ExportDialog(n, exportChoices.get(), vm.actions()::patternProblem);
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(o -> {
            exportChoices.set(ExportDialog.remembered(o)); // the next export opens with these (and so does Easel)
            vm.actions().export(o);
        });
    }

    /** Ctrl+O: a workflow, an image or a saved /status answer. */
    private void openFiles() {
        var chooser = new FileChooser();
        chooser.setTitle(Messages.get("gallery.openAWorkflowAn"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Messages.get("gallery.open.filter"), "*.json", "*.png", "*.jpg",
                        "*.jpeg", "*.webp"),
                new FileChooser.ExtensionFilter(Messages.get("gallery.open.allFiles"), "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files != null) {
            vm.reuse().importFiles(files.stream().map(File::toPath).toList());
        }
    }

    /** Lets files be dropped on a node (the whole window, say) to import them. */
    public void installDropTarget(Node node) {
        node.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() == null && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        node.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (e.getGestureSource() == null && e.getDragboard().hasFiles()) {
                vm.reuse().importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }
}
