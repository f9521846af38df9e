package dev.easel.ui.gallery;

import dev.easel.library.Tile;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which tiles are selected and which has the focus, as a file manager does it: a click selects one, Shift extends
 * from the anchor, Ctrl/Cmd toggles; arrows move the focus. Kept by tile id, so a reload keeps what is still there.
 */
public final class GallerySelection {

    private final ObservableList<Tile> tiles;
    private final Map<Long, Integer> indexOfId = new HashMap<>();
    private final ObservableSet<Long> selected = FXCollections.observableSet(new LinkedHashSet<>());
    private final IntegerProperty focus = new SimpleIntegerProperty(-1);
    private int anchor = -1;

    /** @param tiles the tiles shown, in order; {@link #show} replaces them */
    public GallerySelection(ObservableList<Tile> tiles) {
        this.tiles = tiles;
    }

    /** Shows {@code next}: the selection keeps the tiles still there, the focus stays on its tile if it can. */
    public void show(List<Tile> next) {
        long focusedId = focused() == null ? -1 : focused().id();
        tiles.setAll(next);
        indexOfId.clear();
        for (int i = 0; i < next.size(); i++) {
            indexOfId.put(next.get(i).id(), i);
        }
        selected.retainAll(indexOfId.keySet());
        focus.set(indexOfId.getOrDefault(focusedId, tiles.isEmpty() ? -1
                : Math.min(Math.max(focus.get(), 0), tiles.size() - 1)));
        anchor = Math.min(anchor, tiles.size() - 1);
    }

    /** A click on the tile at {@code index}: alone, extending with Shift, toggling with Ctrl/Cmd. */
    public void click(int index, boolean extend, boolean toggle) {
        if (index < 0 || index >= tiles.size()) {
            return;
        }
        if (extend && anchor >= 0) {
            if (!toggle) {
                selected.clear();
            }
            selectRange(anchor, index);
        } else if (toggle) {
            long id = tiles.get(index).id();
            if (!selected.remove(id)) {
                selected.add(id);
            }
            anchor = index;
        } else {
            selected.clear();
            selected.add(tiles.get(index).id());
            anchor = index;
        }
        focus.set(index);
    }

    /**
     * Moves the focus by {@code delta} tiles (arrows: ±1, ±columns), selecting it, or extending with Shift.
     *
     * @return the tile focused now, or -1 when there are none
     */
    public int move(int delta, boolean extend) {
        if (tiles.isEmpty()) {
            return -1;
        }
        int next = focus.get() < 0 ? 0 : Math.clamp((long) focus.get() + delta, 0, tiles.size() - 1);
        if (extend) {
            if (anchor < 0) {
                anchor = Math.max(focus.get(), 0);
            }
            selected.clear();
            selectRange(anchor, next);
            focus.set(next);
        } else {
            click(next, false, false);
        }
        return next;
    }

    /** The viewer shows the tile at {@code index}: it has the focus and is the one selected. */
    public void view(int index) {
        focus.set(index);
        long id = tiles.get(index).id();
        if (!selected.contains(id) || selected.size() > 1) {
            selected.clear();
            selected.add(id);
            anchor = index;
        }
    }

    private void selectRange(int a, int b) {
        for (int i = Math.min(a, b); i <= Math.max(a, b); i++) {
            selected.add(tiles.get(i).id());
        }
    }

    public void selectAll() {
        tiles.forEach(t -> selected.add(t.id()));
    }

    public void clear() {
        selected.clear();
    }

    public boolean isSelected(long id) {
        return selected.contains(id);
    }

    /** The selected tiles in the order shown; the focused one when nothing is selected. */
    public List<Tile> targets() {
        List<Tile> list = new ArrayList<>();
        for (Tile t : tiles) {
            if (selected.contains(t.id())) {
                list.add(t);
            }
        }
        if (list.isEmpty() && focused() != null) {
            list.add(focused());
        }
        return list;
    }

    public Tile focused() {
        int i = focus.get();
        return i >= 0 && i < tiles.size() ? tiles.get(i) : null;
    }

    public ObservableSet<Long> selected() {
        return selected;
    }

    public IntegerProperty focusProperty() {
        return focus;
    }
}
