package dev.easel.ui.gallery;

import dev.easel.library.Artwork;
import dev.easel.ui.fx.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** Results as thumbnails, newest first, and the selected one large with what made it. */
public final class GalleryView extends SplitPane {

    private static final double THUMB = 176;

    public GalleryView(GalleryViewModel vm, Consumer<Path> openFolder) {
        getStyleClass().add("gallery-view");
        var tiles = new TilePane(8, 8);
        tiles.setId("galleryTiles");
        tiles.setPadding(new Insets(12));
        tiles.setPrefTileWidth(THUMB);
        tiles.setPrefTileHeight(THUMB);
        var scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        var empty = new Label("Your pictures will appear here.\nType a prompt and press Generate (Ctrl+Enter).");
        empty.setId("galleryEmpty");
        empty.getStyleClass().add("empty-state");
        var search = new javafx.scene.control.TextField();
        search.setId("gallerySearch");
        search.setPromptText("Search prompts (Ctrl+F)");
        search.textProperty().bindBidirectional(vm.queryProperty());
        var pause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));
        pause.setOnFinished(e -> vm.refresh());
        search.textProperty().addListener((o, was, now) -> pause.playFromStart());
        var searchBar = new javafx.scene.layout.HBox(search);
        javafx.scene.layout.HBox.setHgrow(search, javafx.scene.layout.Priority.ALWAYS);
        searchBar.setPadding(new Insets(8, 12, 0, 12));
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), search::requestFocus);
            }
        });
        var grid = new BorderPane(new StackPane(scroll, empty), searchBar, null, null, null);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.items())
                .and(vm.queryProperty().isEmpty()));
        vm.items().addListener((javafx.collections.ListChangeListener<Artwork>) c -> fill(tiles, vm));

        // the selected picture
        var big = new ImageView();
        big.setId("selectedImage");
        big.setPreserveRatio(true);
        big.setSmooth(true);
        // fit by default; "100 %" or Ctrl+scroll zooms, and the picture can then be dragged around
        var zoom = new javafx.beans.property.SimpleDoubleProperty(0); // 0 = fit
        var bigScroll = new ScrollPane(new StackPane(big));
        bigScroll.setPannable(true);
        bigScroll.setFitToWidth(true);
        bigScroll.setFitToHeight(true);
        var bigPane = new StackPane(bigScroll);
        bigPane.setMinSize(0, 0);
        Runnable layoutZoom = () -> {
            if (zoom.get() <= 0 || big.getImage() == null) {
                big.fitWidthProperty().bind(bigPane.widthProperty().subtract(16));
                big.fitHeightProperty().bind(bigPane.heightProperty().subtract(16));
            } else {
                big.fitWidthProperty().unbind();
                big.fitHeightProperty().unbind();
                big.setFitWidth(big.getImage().getWidth() * zoom.get());
                big.setFitHeight(big.getImage().getHeight() * zoom.get());
            }
        };
        zoom.addListener((o, was, z) -> layoutZoom.run());
        layoutZoom.run();
        bigScroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && big.getImage() != null) {
                double current = zoom.get() > 0 ? zoom.get() : big.getBoundsInLocal().getWidth() / big.getImage().getWidth();
                zoom.set(Math.clamp(current * (e.getDeltaY() > 0 ? 1.25 : 0.8), 0.05, 16));
                e.consume();
            }
        });
        var fit = new Button("Fit", Icons.of(Feather.MINIMIZE));
        fit.setId("zoomFitButton");
        fit.setOnAction(e -> zoom.set(0));
        var actual = new Button("100 %", Icons.of(Feather.MAXIMIZE));
        actual.setId("zoomActualButton");
        actual.setTooltip(new Tooltip("Actual pixels (Ctrl+scroll zooms)"));
        actual.setOnAction(e -> zoom.set(1));
        var info = new Label();
        info.setId("selectedInfo");
        info.setWrapText(true);
        info.getStyleClass().add("artwork-info");
        var use = new Button("Use these settings", Icons.of(Feather.CORNER_UP_LEFT));
        use.setId("useSettingsButton");
        use.setTooltip(new Tooltip("Load this picture's prompt, parameters and workflow into the editor"));
        var folder = new Button("Open folder", Icons.of(Feather.FOLDER));
        folder.setId("openFolderButton");
        folder.setOnAction(e -> openFolder.accept(vm.outputDir()));
        var copy = new Button("Copy image", Icons.of(Feather.COPY));
        copy.setId("copyImageButton");
        var message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        var actions = new javafx.scene.layout.FlowPane(6, 6, use, folder, copy, fit, actual);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (var b : java.util.List.of(use, folder, copy, fit, actual)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        var details = new VBox(8, info, actions, message);
        details.setPadding(new Insets(8, 12, 12, 12));
        var detailPane = new BorderPane(bigPane, null, null, details, null);
        detailPane.setId("artworkDetail");
        use.setOnAction(e -> vm.useSettings(vm.selectedProperty().get()));
        copy.setOnAction(e -> {
            if (big.getImage() != null) {
                var content = new ClipboardContent();
                content.putImage(big.getImage());
                content.putFiles(java.util.List.of(vm.selectedProperty().get().file().toFile()));
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        vm.selectedProperty().addListener((o, was, a) -> {
            zoom.set(0);
            big.setImage(a == null ? null : new Image(a.file().toUri().toString(), true));
            info.setText(a == null ? "" : describe(a));
            // the large view takes room only while something is selected
            if (a != null && !getItems().contains(detailPane)) {
                getItems().add(detailPane);
                setDividerPositions(0.55);
            } else if (a == null) {
                getItems().remove(detailPane);
            }
        });
        getItems().add(grid);
        // Esc closes the large view
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && vm.selectedProperty().get() != null) {
                vm.selectedProperty().set(null);
                e.consume();
            }
        });
    }

    private void fill(TilePane tiles, GalleryViewModel vm) {
        tiles.getChildren().setAll(vm.items().stream().map(a -> {
            var view = new ImageView(new Image(a.file().toUri().toString(), THUMB, THUMB, true, true, true));
            var tile = new StackPane(view);
            tile.getStyleClass().add("tile");
            tile.setPrefSize(THUMB, THUMB);
            tile.setOnMouseClicked(e -> vm.selectedProperty().set(a));
            Tooltip.install(tile, new Tooltip(a.prompt()));
            tile.setAccessibleText(a.prompt());
            return tile;
        }).toList());
    }

    static String describe(Artwork a) {
        StringBuilder sb = new StringBuilder(a.prompt().isBlank() ? "(no prompt)" : a.prompt());
        sb.append("\n").append(a.width()).append(" × ").append(a.height());
        if (a.seed() != null) {
            sb.append(" · seed ").append(a.seed());
        }
        if (a.execution() != null) {
            sb.append(String.format(Locale.ROOT, " · ran %.1f s", a.execution().toMillis() / 1000.0));
        }
        if (a.cost() > 0) {
            sb.append(String.format(Locale.ROOT, " · $%.4f", a.cost()));
        }
        sb.append("\n").append(a.file().getFileName());
        return sb.toString();
    }
}
