package dev.easel.ui.fx;

import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Tab in a text area moves the focus on (Shift+Tab back), as in every other field: a prompt has no use for a tab
 * character, and a keyboard user would otherwise be stuck in it. Ctrl+Tab still does what JavaFX does.
 */
public final class TabMovesFocus {

    private TabMovesFocus() {
    }

    public static void install(Node area) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()
                    && !e.isShortcutDown()) {
                e.consume();
                area.requestFocusTraversal(e.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
            }
        });
    }
}
