package dev.easel.ui.fx;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the words a window shows cut short: a label, button or cell drawn with an ellipsis, or a text field's
 * placeholder wider than the field. Call on the FX thread, after layout.
 */
public final class Truncation {

    private Truncation() {
    }

    /** What is cut short under {@code root}, each as "its id or class: the full text → what shows". */
    public static List<String> in(Parent root) {
        List<String> cut = new ArrayList<>();
        walk(root, cut);
        return cut;
    }

    private static void walk(Node n, List<String> cut) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            for (Node child : l.getChildrenUnmodifiable()) {
                boolean meant = l.getProperties().containsKey(Labels.MAY_BE_CUT) && l.getTooltip() != null
                        && l.getText().equals(l.getTooltip().getText()); // cut on purpose, all of it in the tooltip
                if (child instanceof Text t && t.getText() != null && !t.getText().equals(l.getText())
                        && t.getText().endsWith(l.getEllipsisString()) && !meant) {
                    cut.add(name(l) + ": \"" + l.getText() + "\" shows as \"" + t.getText() + "\"");
                }
            }
        }
        if (n instanceof TextField f && f.getText().isEmpty() && f.getPromptText() != null
                && !f.getPromptText().isEmpty() && f.getWidth() > 0) {
            var measure = new Text(f.getPromptText());
            measure.setFont(f.getFont());
            double room = f.getWidth() - f.getInsets().getLeft() - f.getInsets().getRight();
            Bounds b = measure.getLayoutBounds();
            if (b.getWidth() > room + 0.5) {
                cut.add(name(f) + ": placeholder \"" + f.getPromptText() + "\" needs " + Math.round(b.getWidth())
                        + " px of " + Math.round(room));
            }
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, cut);
            }
        }
    }

    private static String name(Node n) {
        return n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName() + n.getStyleClass();
    }
}
