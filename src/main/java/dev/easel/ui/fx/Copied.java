package dev.easel.ui.fx;

import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** A copy button says it copied: a check mark (and "Copied" to a screen reader) for a moment, then back. */
public final class Copied {

    /** How long the check mark shows. */
    public static final Duration SHOWN = Duration.millis(1400);

    /** The pseudo class a button has while it says so (the stylesheet tints it). */
    public static final PseudoClass COPIED = PseudoClass.getPseudoClass("copied");

    private static final String KEY = "easel.copiedTimer";

    private Copied() {
    }

    /** Shows on {@code button} that its copy happened; {@code words} is what it says ("Copied the seed"). */
    public static void flash(Button button, String words) {
        var original = button.getProperties().computeIfAbsent("easel.copiedOriginal",
                k -> new Object[] {button.getGraphic(), button.getAccessibleText(), button.getTooltip()});
        Object[] was = (Object[]) original;
        button.setGraphic(Icons.of(Feather.CHECK));
        button.setAccessibleText(words);
        button.setTooltip(new Tooltip(words));
        button.pseudoClassStateChanged(COPIED, true);
        var timer = (PauseTransition) button.getProperties().computeIfAbsent(KEY, k -> new PauseTransition(SHOWN));
        timer.setOnFinished(e -> {
            button.setGraphic((Node) was[0]);
            button.setAccessibleText((String) was[1]);
            button.setTooltip((Tooltip) was[2]);
            button.pseudoClassStateChanged(COPIED, false);
        });
        timer.playFromStart();
    }
}
