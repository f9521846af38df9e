package dev.easel.ui.params;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Load Image node's picture: a thumbnail of the chosen file (read in the background), its name, Choose…, and a
 * drop target for an image file dragged from the desktop or the gallery.
 */
final class InputImageRow extends HBox {

    /** How big the thumbnail is drawn. */
    static final double THUMB = 56;
    private static final PseudoClass DROP = PseudoClass.getPseudoClass("drop");

    InputImageRow(ParamsViewModel vm, String node) {
        super(8);
        getStyleClass().add("input-image-row");
        setId("inputImageRow");
        setAlignment(Pos.CENTER_LEFT);
        Path chosen = vm.inputImages().get(node);

        var thumb = new ImageView();
        thumb.setId("inputImageThumbnail");
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        var frame = new StackPane();
        frame.getStyleClass().add("input-image-thumb");
        frame.setMinSize(THUMB + 4, THUMB + 4);
        frame.setMaxSize(THUMB + 4, THUMB + 4);
        if (chosen != null) {
            // decoded and scaled on JavaFX's background loader, never on the FX thread
            thumb.setImage(new Image(chosen.toUri().toString(), THUMB * 2, THUMB * 2, true, true, true));
            frame.getChildren().add(thumb);
        } else {
            frame.getChildren().add(Icons.of(Feather.IMAGE));
        }

        var name = new Label(vm.inputImageLabel(node));
        name.setId("inputImageLabel");
        name.setWrapText(true);
        name.setMinHeight(Region.USE_PREF_SIZE);
        name.setMaxWidth(Double.MAX_VALUE);
        name.setTooltip(new Tooltip(chosen != null ? chosen.toString() : vm.inputImageLabel(node)));
        var choose = new Button(Messages.get("params.choose"), Icons.of(Feather.FOLDER));
        choose.setId("chooseInputImageButton");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setTooltip(new Tooltip(Messages.get("params.inputImage.tooltip", node)));
        choose.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle(Messages.get("params.inputImage"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("params.images"),
                    "*.png", "*.jpg", "*.jpeg", "*.webp"));
            if (chosen != null && chosen.getParent() != null && chosen.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(chosen.getParent().toFile());
            }
            var file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                vm.chooseInputImage(node, file.toPath());
            }
        });
        var hint = new Label(Messages.get("params.inputImage.drop"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        var text = new VBox(4, name, choose, hint);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        getChildren().setAll(frame, text);

        setOnDragOver(e -> {
            if (image(e.getDragboard().getFiles()).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
                pseudoClassStateChanged(DROP, true);
                e.consume();
            }
        });
        setOnDragExited(e -> pseudoClassStateChanged(DROP, false));
        setOnDragDropped(e -> {
            var file = image(e.getDragboard().getFiles());
            file.ifPresent(f -> vm.chooseInputImage(node, f));
            e.setDropCompleted(file.isPresent());
            e.consume(); // not the window's own drop (which imports a dropped picture's settings)
        });
    }

    /** The one image file among those dragged, by its name; anything else is not taken. */
    static Optional<Path> image(List<File> files) {
        if (files == null || files.size() != 1) {
            return Optional.empty();
        }
        String n = files.getFirst().getName().toLowerCase(Locale.ROOT);
        boolean image = n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".webp");
        return image && files.getFirst().isFile() ? Optional.of(files.getFirst().toPath()) : Optional.empty();
    }
}
