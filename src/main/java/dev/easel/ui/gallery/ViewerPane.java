package dev.easel.ui.gallery;

import dev.easel.library.Artwork;
import dev.easel.library.Tile;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Copied;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.css.PseudoClass;
import org.kordamp.ikonli.feather.Feather;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The large view of one image (or two side by side): fit, 100 % and Ctrl+scroll zoom, previous/next, and what made
 * it with copy buttons, its tags, "Use these settings" and "Retry with new seed".
 */
final class ViewerPane extends BorderPane {

    private final GalleryViewModel vm;
    private final ImageView big = new ImageView();
    private final ImageView second = new ImageView();
    private final DoubleProperty zoom = new SimpleDoubleProperty(0); // 0 = fit
    private final Label info = new Label();
    private final GridPane meta = new GridPane();
    private final FlowPane tags = new FlowPane(4, 4);
    private final StackPane bigPane;
    private final HBox pictures;

    /** On the star button while the picture shown is a favourite. */
    static final PseudoClass FAVOURITE_ON = PseudoClass.getPseudoClass("on");

    ViewerPane(GalleryViewModel vm, Consumer<Path> openFolder, Runnable export) {
        this.vm = vm;
        setId("artworkDetail");
        getStyleClass().add("viewer");
        big.setId("selectedImage");
        big.setPreserveRatio(true);
        big.setSmooth(true);
        second.setId("comparedImage");
        second.setPreserveRatio(true);
        second.setSmooth(true);

        var bigScroll = new ScrollPane(new StackPane(big));
        bigScroll.setPannable(true);
        bigScroll.setFitToWidth(true);
        bigScroll.setFitToHeight(true);
        bigPane = new StackPane(bigScroll);
        bigPane.setMinSize(0, 0);
        // the second picture scrolls and zooms with the first: the same spot of both is in view
        var secondScroll = new ScrollPane(new StackPane(second));
        secondScroll.setPannable(true);
        secondScroll.setFitToWidth(true);
        secondScroll.setFitToHeight(true);
        secondScroll.setMinSize(0, 0);
        secondScroll.hvalueProperty().bindBidirectional(bigScroll.hvalueProperty());
        secondScroll.vvalueProperty().bindBidirectional(bigScroll.vvalueProperty());
        var secondPane = new StackPane(secondScroll);
        secondPane.setMinSize(0, 0);
        pictures = new HBox(8, bigPane);
        HBox.setHgrow(bigPane, Priority.ALWAYS);
        HBox.setHgrow(secondPane, Priority.ALWAYS);
        bigScroll.setMinSize(0, 0);
        // one picture takes the width; two share it equally
        var share = Bindings.createDoubleBinding(() -> vm.comparedProperty().get() == null
                ? pictures.getWidth() : Math.max(0, (pictures.getWidth() - 8) / 2), pictures.widthProperty(),
                vm.comparedProperty());
        for (var pane : List.of(bigPane, secondPane)) {
            pane.prefWidthProperty().bind(share);
            pane.maxWidthProperty().bind(share);
        }
        pictures.setMinSize(0, 0);
        zoom.addListener((o, was, z) -> layoutZoom());
        pictures.widthProperty().addListener((o, was, w) -> layoutZoom());
        pictures.heightProperty().addListener((o, was, w) -> layoutZoom());
        pictures.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && big.getImage() != null) {
                double current = zoom.get() > 0 ? zoom.get() : big.getBoundsInLocal().getWidth() / big.getImage().getWidth();
                zoom.set(Math.clamp(current * (e.getDeltaY() > 0 ? 1.25 : 0.8), 0.05, 16));
                e.consume();
            }
        });

        var previous = iconButton("previousButton", Feather.CHEVRON_LEFT, Messages.get("gallery.previousImage"), vm::previous);
        var next = iconButton("nextButton", Feather.CHEVRON_RIGHT, Messages.get("gallery.nextImage"), vm::next);
        var fit = new Button(Messages.get("gallery.fit"), Icons.of(Feather.MINIMIZE));
        fit.setId("zoomFitButton");
        fit.setTooltip(new Tooltip(Messages.get("gallery.fitTheWindow")));
        fit.setOnAction(e -> zoom.set(0));
        var actual = new Button("100 %", Icons.of(Feather.MAXIMIZE));
        actual.setId("zoomActualButton");
        actual.setTooltip(new Tooltip(Messages.get("gallery.actualPixelsCtrlScroll")));
        actual.setOnAction(e -> zoom.set(1));
        var favourite = iconButton("favouriteButton", Feather.STAR,
                Messages.get("gallery.favouriteF"), vm.actions()::toggleFavourite);
        // the star says whether the picture shown is a favourite (a gold star), not only that it can be made one
        favourite.getStyleClass().add("favourite-toggle");
        Runnable starred = () -> {
            boolean on = vm.viewedProperty().get() != null && vm.viewedProperty().get().favourite();
            favourite.pseudoClassStateChanged(FAVOURITE_ON, on);
            favourite.getTooltip().setText(on ? Messages.get("gallery.unfavouriteF") : Messages.get("gallery.favouriteF"));
            favourite.setAccessibleText(favourite.getTooltip().getText());
        };
        vm.viewedProperty().addListener((o, was, now) -> starred.run());
        starred.run();
        var close = iconButton("closeViewerButton", Feather.ARROW_LEFT,
                Messages.get("gallery.backToTheGallery"), vm::closeViewer);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var position = new Label();
        position.setId("viewerPosition");
        position.getStyleClass().add("text-muted");
        // two pictures compared are not "3 of 22": the position is the grid's, of one picture
        Runnable where = () -> position.setText(vm.comparedProperty().get() != null ? Messages.get("viewer.comparing")
                : vm.focusProperty().get() < 0 ? ""
                : Messages.get("viewer.position", vm.focusProperty().get() + 1, vm.tiles().size()));
        vm.comparedProperty().addListener((o, was, now) -> where.run());
        previous.disableProperty().bind(vm.comparedProperty().isNotNull());
        next.disableProperty().bind(vm.comparedProperty().isNotNull());
        vm.focusProperty().addListener((o, was, now) -> where.run());
        Labels.mayBeCut(position).setMinWidth(40);
        var whereTip = new Tooltip();
        whereTip.textProperty().bind(position.textProperty());
        position.setTooltip(whereTip);
        where.run();
        vm.tiles().addListener((ListChangeListener<Tile>) c -> where.run());
        // two pictures: side by side, or one over the other with a slider between them
        var overlay = new ToggleButton(null, Icons.of(Feather.SLIDERS));
        overlay.setAccessibleText(Messages.get("viewer.compare.overlay"));
        overlay.setId("compareSliderButton");
        overlay.setTooltip(new Tooltip(Messages.get("viewer.compare.slider")));
        overlay.visibleProperty().bind(vm.comparedProperty().isNotNull());
        overlay.managedProperty().bind(overlay.visibleProperty());
        var overlaid = new OverlayCompare(big.imageProperty(), second.imageProperty());
        overlay.selectedProperty().addListener((o, was, on) -> setCenter(on ? overlaid : pictures));
        vm.comparedProperty().addListener((o, was, now) -> overlay.setSelected(overlay.isSelected() && now != null));
        var bar = new HBox(6, close, previous, next, position, spacer, overlay, fit, actual, favourite);
        overlay.setMinWidth(Region.USE_PREF_SIZE);
        fit.setAccessibleText(fit.getText());
        actual.setAccessibleText(Messages.get("gallery.actualPixelsCtrlScroll"));
        Labels.iconsWhenNarrow(bar, fit, actual);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        info.setId("selectedInfo");
        info.setWrapText(true);
        info.getStyleClass().add("artwork-info");
        meta.setHgap(6);
        meta.setVgap(4);
        meta.setId("metadataGrid");
        var use = new Button(Messages.get("gallery.useTheseSettings"), Icons.of(Feather.CORNER_UP_LEFT));
        use.setId("useSettingsButton");
        use.setTooltip(new Tooltip(Messages.get("gallery.loadThisPictureS")));
        use.setOnAction(e -> vm.reuse().useSettings(vm.viewedProperty().get()));
        var asInput = new Button(Messages.get("gallery.input.button"), Icons.of(Feather.IMAGE));
        asInput.setId("useAsInputButton");
        asInput.setTooltip(new Tooltip(Messages.get("gallery.input.tooltip")));
        asInput.setOnAction(e -> vm.reuse().useAsInput(vm.viewedProperty().get()));
        var retry = new Button(Messages.get("gallery.retryWithNewSeed"), Icons.of(Feather.REFRESH_CW));
        retry.setId("retryNewSeedButton");
        retry.setTooltip(new Tooltip(Messages.get("gallery.loadTheseSettingsAnd")));
        retry.setOnAction(e -> vm.reuse().retryWithNewSeed(vm.viewedProperty().get()));
        var folder = new Button(Messages.get("gallery.openFolder"), Icons.of(Feather.FOLDER));
        folder.setId("openFolderButton");
        folder.setOnAction(e -> openFolder.accept(vm.viewedProperty().get() == null ? vm.outputDir()
                : vm.viewedProperty().get().file().getParent()));
        var copy = new Button(Messages.get("gallery.copyImage"), Icons.of(Feather.COPY));
        copy.setId("copyImageButton");
        copy.setOnAction(e -> {
            if (big.getImage() != null) {
                var content = new ClipboardContent();
                content.putImage(big.getImage());
                content.putFiles(List.of(vm.viewedProperty().get().file().toFile()));
                Clipboard.getSystemClipboard().setContent(content);
                Copied.flash(copy, Messages.get("viewer.copied.image"));
            }
        });
        var exportButton = new Button(Messages.get("gallery.export"), Icons.of(Feather.SHARE));
        exportButton.setId("viewerExportButton");
        exportButton.setOnAction(e -> export.run());
        var trash = new Button(Messages.get("gallery.moveToTrash"), Icons.of(Feather.TRASH_2));
        trash.setId("viewerTrashButton");
        trash.setTooltip(new Tooltip(Messages.get("gallery.moveTheFileTo")));
        trash.setOnAction(e -> vm.actions().deleteTargets());
        var asGrid = GridButton.of(vm, List.of(use, retry, asInput));
        var actions = new FlowPane(6, 6, asGrid, use, retry, asInput, folder, copy, exportButton, trash);
        for (var b : List.of(asGrid, use, retry, asInput, folder, copy, exportButton, trash)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        var addTag = new TextField();
        addTag.setId("addTagField");
        addTag.setPromptText(Messages.get("gallery.addATagEnter"));
        addTag.setPrefColumnCount(10);
        addTag.setOnAction(e -> {
            vm.actions().addTag(addTag.getText());
            addTag.clear();
        });
        tags.getChildren().add(addTag);
        vm.viewedTags().addListener((ListChangeListener<String>) c -> showTags(addTag));
        var details = new VBox(8, info, actions, tags, meta);
        details.setPadding(new Insets(8, 12, 12, 12));
        var detailScroll = new ScrollPane(details);
        detailScroll.setFitToWidth(true);
        detailScroll.setPrefViewportHeight(230);
        detailScroll.setMinHeight(120);

        setTop(bar);
        setCenter(pictures);
        setBottom(detailScroll);

        vm.viewedProperty().addListener((o, was, a) -> show(a));
        vm.comparedProperty().addListener((o, was, a) -> {
            second.setImage(a == null ? null : new Image(a.file().toUri().toString(), true));
            if (a != null && !pictures.getChildren().contains(secondPane)) {
                pictures.getChildren().add(secondPane);
                zoom.set(0);
            } else if (a == null) {
                pictures.getChildren().remove(secondPane);
            }
            layoutZoom();
            show(vm.viewedProperty().get());
        });
        layoutZoom();
        show(vm.viewedProperty().get()); // made when a picture is first opened: show it
        showTags(addTag);
    }

    private static Button iconButton(String id, Feather icon, String tip, Runnable action) {
        var b = new Button(null, Icons.of(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void layoutZoom() {
        boolean comparing = vm.comparedProperty().get() != null;
        double each = comparing ? (pictures.getWidth() - 8) / 2 : pictures.getWidth();
        if (zoom.get() <= 0 || second.getImage() == null) {
            second.setFitWidth(Math.max(0, each - 16));
            second.setFitHeight(Math.max(0, pictures.getHeight() - 16));
        } else { // the same zoom as the first
            second.setFitWidth(second.getImage().getWidth() * zoom.get());
            second.setFitHeight(second.getImage().getHeight() * zoom.get());
        }
        if (zoom.get() <= 0 || big.getImage() == null) {
            big.setFitWidth(Math.max(0, each - 16));
            big.setFitHeight(Math.max(0, pictures.getHeight() - 16));
        } else {
            big.setFitWidth(big.getImage().getWidth() * zoom.get());
            big.setFitHeight(big.getImage().getHeight() * zoom.get());
        }
    }


    private void show(Artwork a) {
        zoom.set(0);
        if (a == null) {
            big.setImage(null);
            info.setText("");
            meta.getChildren().clear();
            return;
        }
        boolean here = Files.exists(a.file());
        if (big.getImage() == null || !big.getImage().getUrl().equals(a.file().toUri().toString())) {
            big.setImage(here ? new Image(a.file().toUri().toString(), true) : null);
        }
        info.setText(describe(a) + (here ? "" : "\n" + Messages.get("viewer.fileMissing")));
        meta.getChildren().clear();
        Artwork other = vm.comparedProperty().get();
        if (other != null) { // two pictures: what made each, side by side, the differences marked
            CompareTable.fill(meta, a, other);
            layoutZoom();
            return;
        }
        meta.getColumnConstraints().clear();
        int row = 0;
        row = field(row, Messages.get("viewer.field.prompt"), a.prompt(), "copyPromptButton");
        if (!a.negativePrompt().isBlank()) {
            row = field(row, Messages.get("viewer.field.negative"), a.negativePrompt(), "copyNegativeButton");
        }
        if (a.seed() != null) {
            row = field(row, Messages.get("viewer.field.seed"), a.seed().toString(), "copySeedButton");
        }
        row = field(row, Messages.get("viewer.field.parameters"), a.parameters(), "copyParametersButton");
        if (a.templateId() != null) {
            row = field(row, Messages.get("viewer.field.template"), a.templateId(), null);
        }
        if (a.endpoint() != null) {
            row = field(row, Messages.get("viewer.field.endpoint"), a.endpoint(), null);
        }
        if (a.runpodId() != null) {
            row = field(row, Messages.get("viewer.field.job"), a.runpodId(), "copyJobButton");
        }
        field(row, Messages.get("viewer.field.file"), a.file().toString(), "copyPathButton");
        layoutZoom();
    }

    private int field(int row, String name, String value, String copyId) {
        var label = new Label(name);
        label.getStyleClass().add("meta-name");
        label.setMinWidth(Region.USE_PREF_SIZE);
        var text = new Label(value);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(text, Priority.ALWAYS);
        meta.add(label, 0, row);
        meta.add(text, 1, row);
        if (copyId != null) {
            var copy = new Button(null, Icons.of(Feather.CLIPBOARD));
            copy.setId(copyId);
            copy.getStyleClass().addAll("flat", "small");
            copy.setTooltip(new Tooltip(Messages.get("viewer.copy", name.toLowerCase(Locale.getDefault()))));
            copy.setAccessibleText(Messages.get("viewer.copy", name.toLowerCase(Locale.getDefault())));
            copy.setOnAction(e -> {
                var content = new ClipboardContent();
                content.putString(value);
                Clipboard.getSystemClipboard().setContent(content);
                Copied.flash(copy, Messages.get("viewer.copied", name.toLowerCase(Locale.getDefault())));
            });
            meta.add(copy, 2, row);
        }
        return row + 1;
    }

    private void showTags(TextField addTag) {
        tags.getChildren().setAll(vm.viewedTags().stream().map(t -> {
            var chip = new Button(t, Icons.of(Feather.X));
            chip.getStyleClass().addAll("tag-chip", "small");
            chip.setContentDisplay(ContentDisplay.RIGHT);
            chip.setTooltip(new Tooltip(Messages.get("viewer.removeTag", t)));
            chip.setOnAction(e -> vm.actions().removeTag(t));
            return (Node) chip;
        }).toList());
        tags.getChildren().add(addTag);
    }

    static String describe(Artwork a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.width()).append(" × ").append(a.height());
        if (a.favourite()) {
            sb.append(" · ").append(Messages.get("viewer.favourite"));
        }
        if (a.delay() != null) {
            sb.append(" · ").append(Messages.get("viewer.queued",
                    String.format(Locale.ROOT, "%.1f", a.delay().toMillis() / 1000.0)));
        }
        if (a.execution() != null) {
            sb.append(" · ").append(Messages.get("viewer.ran",
                    String.format(Locale.ROOT, "%.1f", a.execution().toMillis() / 1000.0)));
        }
        if (a.cost() > 0) {
            sb.append(String.format(Locale.ROOT, " · $%.4f", a.cost()));
        }
        if (a.seed() != null) {
            sb.append(" · ").append(Messages.get("viewer.seed", String.valueOf(a.seed())));
        }
        sb.append(" · ").append(DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.getDefault())
                .format(a.created().atZone(ZoneId.systemDefault())));
        return sb.toString();
    }
}
