package dev.easel.ui.prompt;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.TabMovesFocus;
import dev.easel.ui.studio.StudioViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.Cursor;
import javafx.event.EventHandler;
import javafx.scene.input.MouseEvent;
import org.kordamp.ikonli.feather.Feather;

/** The positive and negative prompts, with recent prompts to pick from. */
public final class PromptView extends VBox {

    /** The prompt box's smallest height when dragged: about three lines. */
    static final double MIN_HEIGHT = 64;

    public PromptView(StudioViewModel vm) {
        super(6);
        getStyleClass().add("prompt-view");
        var label = new Label(Messages.get("prompt.prompt"));
        label.getStyleClass().add("field-label");
        var recent = new MenuButton(null, Icons.of(Feather.CLOCK));
        recent.setId("recentPromptsButton");
        recent.setTooltip(new Tooltip(Messages.get("prompt.recentPrompts")));
        recent.getStyleClass().add("flat");
        recent.disableProperty().bind(Bindings.isEmpty(vm.recentPrompts()));
        recent.setOnShowing(e -> recent.getItems().setAll(vm.recentPrompts().stream().map(p -> {
            var item = new MenuItem(p.length() > 80 ? p.substring(0, 80) + "…" : p);
            item.setOnAction(a -> vm.promptProperty().set(p));
            return item;
        }).toList()));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var head = new HBox(label, spacer, recent);

        var prompt = new TextArea();
        prompt.setId("promptArea");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(8);
        prompt.setPromptText(Messages.get("prompt.describeThePicture"));
        prompt.setAccessibleText(Messages.get("prompt.prompt"));
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        TabMovesFocus.install(prompt);

        var negLabel = new Label(Messages.get("prompt.negativePrompt"));
        negLabel.getStyleClass().add("field-label");
        var negative = new TextArea();
        negative.setId("negativeArea");
        negative.setWrapText(true);
        negative.setPrefRowCount(2);
        negative.setPromptText(Messages.get("prompt.whatToKeepOut"));
        negative.setAccessibleText(Messages.get("prompt.negativePrompt"));
        negative.textProperty().bindBidirectional(vm.negativePromptProperty());
        TabMovesFocus.install(negative);
        for (var n : new Node[] {negLabel, negative}) {
            n.visibleProperty().bind(vm.hasNegativeProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        getChildren().addAll(head, prompt, grip(prompt), negLabel, negative);
    }

    /** A handle under the prompt box: dragged, the box grows or shrinks (never below three lines). */
    static Region grip(TextArea area) {
        var grip = new Region();
        grip.setId("promptGrip");
        grip.getStyleClass().add("resize-grip");
        grip.setPrefHeight(8);
        grip.setMinHeight(8);
        grip.setCursor(Cursor.V_RESIZE);
        grip.setPickOnBounds(true); // its face is transparent: it is grabbed anywhere in its bounds
        double[] from = new double[2];
        // the drag is followed on the whole window: the scroll pane around the controls takes drags inside it
        EventHandler<MouseEvent> drag = e -> {
            area.setPrefHeight(Math.max(MIN_HEIGHT, from[1] + e.getSceneY() - from[0]));
            e.consume();
        };
        EventHandler<MouseEvent> release = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                grip.getScene().removeEventFilter(MouseEvent.MOUSE_DRAGGED, drag);
                grip.getScene().removeEventFilter(MouseEvent.MOUSE_RELEASED, this);
            }
        };
        grip.setOnMousePressed(e -> {
            from[0] = e.getSceneY();
            from[1] = area.getHeight();
            grip.getScene().addEventFilter(MouseEvent.MOUSE_DRAGGED, drag);
            grip.getScene().addEventFilter(MouseEvent.MOUSE_RELEASED, release);
            e.consume();
        });
        return grip;
    }
}
