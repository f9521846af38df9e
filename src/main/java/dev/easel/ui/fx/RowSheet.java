package dev.easel.ui.fx;

import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * A vertical list of rows of one height, any number of them, with only the rows in view made: a fixed pool of row
 * nodes that never leaves the scene. As it scrolls each row moves, and a row scrolled out at one end comes back at the
 * other, filled with the content of its new index. A ListView's VirtualFlow instead takes the cells it doesn't need
 * off its sheet and adds them back, so every node of a cell scrolled into view has its CSS matched again; here a row's
 * nodes are styled once. Scrolls with the mouse wheel or the scroll bar; the keys are the owner's.
 *
 * @param <R> the row node
 */
public final class RowSheet<R extends Region> extends Region {

    private final Supplier<R> factory;
    private final ObjIntConsumer<R> fill;
    /** Holds the rows, clipped to the view. */
    private final Pane sheet = new Pane();
    private final Rectangle clip = new Rectangle();
    private final ScrollBar bar = new ScrollBar();
    /** One per row that can be in view at once: row i is shown by {@code pool.get(i % pool.size())}. */
    private final List<R> pool = new ArrayList<>();
    /** The index each row of the pool shows: -1 none (past the last row), -2 to be filled again. */
    private final List<Integer> shown = new ArrayList<>();
    private double rowHeight = 24;
    private int rowCount;
    /** How far the view is scrolled: pixels from the top of the first row. */
    private double offset;
    private boolean placing;

    /**
     * @param factory makes a row node
     * @param fill fills a row node with row {@code index}'s content, or empties it ({@code -1}: nothing there)
     */
    public RowSheet(Supplier<R> factory, ObjIntConsumer<R> fill) {
        this.factory = factory;
        this.fill = fill;
        getStyleClass().add("row-sheet");
        sheet.setClip(clip);
        sheet.setManaged(false);
        bar.setOrientation(Orientation.VERTICAL);
        bar.setManaged(false);
        bar.valueProperty().addListener((o, was, now) -> {
            if (!placing) {
                offset = now.doubleValue();
                place();
            }
        });
        getChildren().addAll(sheet, bar);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                scrollBy(-e.getDeltaY());
                e.consume();
            }
        });
    }

    /** How many rows there are; each row is filled again. */
    public void setRowCount(int count) {
        rowCount = Math.max(0, count);
        refill();
    }

    public int rowCount() {
        return rowCount;
    }

    public void setRowHeight(double height) {
        if (height != rowHeight) {
            rowHeight = height;
            refill();
        }
    }

    public double rowHeight() {
        return rowHeight;
    }

    /** Fills every row in view again (their content changed). */
    public void refill() {
        Collections.fill(shown, -2);
        requestLayout();
    }

    /** The row nodes, in no particular order: those in view among them. */
    public List<R> rows() {
        return Collections.unmodifiableList(pool);
    }

    /** The scroll bar's width, shown or not: what an owner keeps free so its columns don't change with it. */
    public double barWidth() {
        return bar.prefWidth(-1);
    }

    public ScrollBar scrollBar() {
        return bar;
    }

    /** Scrolls by some pixels (down when positive), as the mouse wheel does. */
    public void scrollBy(double pixels) {
        offset += pixels;
        place();
    }

    /** Scrolls as little as shows the whole of a row. */
    public void scrollToRow(int row) {
        double top = row * rowHeight;
        if (top < offset) {
            offset = top;
        } else if (top + rowHeight > offset + getHeight()) {
            offset = top + rowHeight - getHeight();
        }
        place();
    }

    /** Pixels from the top of the first row to the top of the view. */
    public double offset() {
        return offset;
    }

    @Override
    protected void layoutChildren() {
        double barWidth = barWidth();
        boolean scrolls = rowCount * rowHeight > getHeight();
        double width = scrolls ? getWidth() - barWidth : getWidth();
        sheet.resizeRelocate(0, 0, width, getHeight());
        clip.setWidth(width);
        clip.setHeight(getHeight());
        bar.setVisible(scrolls);
        bar.resizeRelocate(getWidth() - barWidth, 0, barWidth, getHeight());
        int needed = (int) Math.ceil(getHeight() / rowHeight) + 1;
        if (needed != pool.size()) { // the rows' places in the pool change: each is filled again
            while (pool.size() < needed) {
                R r = factory.get();
                r.setManaged(false);
                pool.add(r);
                shown.add(-2);
                sheet.getChildren().add(r);
            }
            while (pool.size() > needed) {
                sheet.getChildren().remove(pool.removeLast());
                shown.removeLast();
            }
            Collections.fill(shown, -2);
        }
        for (R r : pool) {
            r.resize(width, rowHeight);
        }
        place();
    }

    /** Puts each row of the pool where it is at the current offset: only a row new in view is filled. */
    private void place() {
        double content = rowCount * rowHeight;
        double max = Math.max(0, content - getHeight());
        offset = Math.clamp(offset, 0, max);
        placing = true;
        bar.setMax(max);
        bar.setVisibleAmount(content > 0 ? max * getHeight() / content : 0);
        bar.setUnitIncrement(rowHeight / 2);
        bar.setBlockIncrement(Math.max(rowHeight, getHeight() - rowHeight));
        bar.setValue(offset);
        placing = false;
        if (pool.isEmpty()) {
            return;
        }
        int first = (int) (offset / rowHeight);
        for (int i = first; i < first + pool.size(); i++) {
            int slot = i % pool.size();
            R row = pool.get(slot);
            int index = i < rowCount ? i : -1;
            if (shown.get(slot) != index) {
                shown.set(slot, index);
                row.setVisible(index >= 0);
                fill.accept(row, index);
            }
            row.relocate(0, i * rowHeight - offset);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }
}
