package dev.easel.ui.prompt;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.studio.StudioViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.Cursor;
import javafx.event.EventHandler;
import javafx.scene.input.MouseEvent;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.kordamp.ikonli.feather.Feather;

/** The positive and negative prompts, with recent prompts to pick from. */
public final class PromptView extends VBox {

    /** The prompt box's smallest height when dragged: about three lines. */
    static final double MIN_HEIGHT = 64;
    /** About eight lines. */
    private static final double PROMPT_HEIGHT = 150;
    /** About two lines. */
    private static final double NEGATIVE_HEIGHT = 52;

    public PromptView(StudioViewModel vm) {
        super(6);
        getStyleClass().add("prompt-view");
        var label = new Label(Messages.get("prompt.prompt"));
        label.getStyleClass().add("field-label");
        label.setTooltip(new Tooltip(Messages.get("prompt.syntax"))); // what the colours in the box mean
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
        var words = new Button(null, Icons.of(Feather.BOOK_OPEN));
        words.setId("wordListsButton");
        words.setTooltip(new Tooltip(Messages.get("wordlists.open")));
        words.setAccessibleText(Messages.get("wordlists.open"));
        words.getStyleClass().add("flat");
        words.setOnAction(e -> vm.wordListsModel().ifPresent(m -> WordListsView.open(getScene().getWindow(), m)));
        var head = new HBox(label, spacer, words, recent);

        var prompt = new PromptArea(vm.promptProperty(), Messages.get("prompt.describeThePicture"),
                Messages.get("prompt.prompt"));
        prompt.setId("promptArea");
        var promptBox = boxed(prompt, PROMPT_HEIGHT);

        // a <lora:…> tag in a graph that can't load it: ComfyUI reads it as words
        var lora = new Label();
        lora.setId("loraNote");
        lora.getStyleClass().add("job-note");
        lora.setWrapText(true);
        lora.setMinHeight(Region.USE_PREF_SIZE);
        lora.textProperty().bind(vm.loraNoteProperty());
        lora.visibleProperty().bind(vm.loraNoteProperty().isNotNull());
        lora.managedProperty().bind(lora.visibleProperty());

        var negLabel = new Label(Messages.get("prompt.negativePrompt"));
        negLabel.getStyleClass().add("field-label");
        var negative = new PromptArea(vm.negativePromptProperty(), Messages.get("prompt.whatToKeepOut"),
                Messages.get("prompt.negativePrompt"));
        negative.setId("negativeArea");
        var negativeBox = boxed(negative, NEGATIVE_HEIGHT);
        for (var n : new Node[] {negLabel, negativeBox}) {
            n.visibleProperty().bind(vm.hasNegativeProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        getChildren().addAll(head, promptBox, grip(promptBox), lora, negLabel, negativeBox);
    }

    /** The area in its scroll pane, framed like a text field; the frame shows the focus. */
    private static Region boxed(PromptArea area, double height) {
        var box = new VirtualizedScrollPane<>(area);
        box.getStyleClass().add("prompt-box");
        box.setPrefHeight(height);
        box.setMinHeight(MIN_HEIGHT);
        return box;
    }

    /** A handle under the prompt box: dragged, the box grows or shrinks (never below three lines). */
    static Region grip(Region area) {
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
