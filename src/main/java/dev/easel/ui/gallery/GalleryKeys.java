package dev.easel.ui.gallery;

import dev.easel.ui.Shortcut;
import org.fxmisc.richtext.GenericStyledArea;
import javafx.scene.Node;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The gallery's keys (Esc, Delete, F, ←/→ in the viewer), taken by a filter on the whole window. */
final class GalleryKeys {

    private final Node gallery;
    private final GalleryViewModel vm;
    private final ThumbnailGrid grid;

    GalleryKeys(Node gallery, GalleryViewModel vm, ThumbnailGrid grid) {
        this.gallery = gallery;
        this.vm = vm;
        this.grid = grid;
    }

    /**
     * Gallery keys that work wherever the focus is, except in a control that uses them itself (typing in a field,
     * a spinner's or a list's arrows) and while the gallery is not shown.
     */
    void key(KeyEvent e) {
        Node focus = gallery.getScene() == null ? null : gallery.getScene().getFocusOwner();
        if (!gallery.isVisible() || usesKeysItself(e.getTarget()) || usesKeysItself(focus)) {
            return;
        }
        if (e.getCode() != KeyCode.ESCAPE && focus != null && !isAncestorOf(focus) && vm.viewedProperty().get() == null) {
            return; // with the grid shown, Delete, F and the arrows act on it only when the focus is in the gallery
        }
        boolean viewing = vm.viewedProperty().get() != null;
        switch (e.getCode()) {
            case ESCAPE -> {
                if (viewing) {
                    vm.closeViewer();
                } else if (!vm.selected().isEmpty()) {
                    vm.clearSelection();
                } else {
                    return;
                }
            }
            case DELETE, BACK_SPACE -> vm.actions().deleteTargets();
            case F -> {
                if (!Shortcut.FAVOURITE.matches(e)) {
                    return;
                }
                vm.actions().toggleFavourite();
            }
            case LEFT, RIGHT -> {
                if (!viewing || grid.isFocused()) {
                    return; // the grid moves itself
                }
                if (e.getCode() == KeyCode.LEFT) {
                    vm.previous();
                } else {
                    vm.next();
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** A control the keys belong to: a text field, the JSON editor (never Delete a picture while typing there), … */
    static boolean usesKeysItself(Object n) {
        return n instanceof TextInputControl || n instanceof GenericStyledArea<?, ?, ?> || n instanceof Spinner<?>
                || n instanceof ComboBoxBase<?> || n instanceof Slider || n instanceof ListView<?>
                || n instanceof MenuButton;
    }

    private boolean isAncestorOf(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == gallery) {
                return true;
            }
        }
        return false;
    }
}
