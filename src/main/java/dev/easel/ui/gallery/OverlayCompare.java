package dev.easel.ui.gallery;

import dev.easel.text.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * Two pictures on top of each other, the right one shown from a slider's line on: drag the slider to see where
 * they differ. Both are fitted into the same box, centred, so the same spot of each is in the same place.
 */
final class OverlayCompare extends BorderPane {

    private final Slider slider = new Slider(0, 1, 0.5);

    OverlayCompare(ObjectProperty<Image> left, ObjectProperty<Image> right) {
        setId("overlayCompare");
        var under = new ImageView();
        var over = new ImageView();
        under.imageProperty().bind(left);
        over.imageProperty().bind(right);
        var box = new StackPane(under, over);
        box.setMinSize(0, 0);
        box.setAlignment(Pos.CENTER);
        var edge = new Line();
        edge.getStyleClass().add("compare-edge");
        edge.setManaged(false);
        box.getChildren().add(edge);
        for (ImageView v : new ImageView[] {under, over}) {
            v.setPreserveRatio(true);
            v.setSmooth(true);
            v.fitWidthProperty().bind(Bindings.max(0, box.widthProperty().subtract(16)));
            v.fitHeightProperty().bind(Bindings.max(0, box.heightProperty().subtract(16)));
        }
        // the right picture shows from the slider's place on, across the whole box (its own bounds may be narrower)
        var clip = new Rectangle();
        Runnable cut = () -> {
            double x = box.getWidth() * slider.getValue();
            double w = over.getLayoutBounds().getWidth(); // not its bounds in local: those are the clip's
            double from = Math.clamp(over.parentToLocal(x, 0).getX(), 0, Math.max(0, w));
            clip.setX(from);
            clip.setWidth(w - from);
            clip.setY(0);
            clip.setHeight(over.getLayoutBounds().getHeight());
            edge.setStartX(x);
            edge.setEndX(x);
            edge.setStartY(0);
            edge.setEndY(box.getHeight());
        };
        over.setClip(clip);
        slider.valueProperty().addListener((o, was, now) -> cut.run());
        box.widthProperty().addListener((o, was, now) -> cut.run());
        box.heightProperty().addListener((o, was, now) -> cut.run());
        over.layoutBoundsProperty().addListener((o, was, now) -> cut.run());
        over.layoutXProperty().addListener((o, was, now) -> cut.run()); // centred in the box
        slider.setId("compareSlider");
        slider.setTooltip(new Tooltip(Messages.get("viewer.compare.slider")));
        slider.setMaxWidth(Double.MAX_VALUE);
        setCenter(box);
        setBottom(slider);
        setMinSize(0, 0);
        BorderPane.setMargin(slider, new Insets(4, 8, 4, 8));
        cut.run();
    }

    Slider slider() {
        return slider;
    }
}
