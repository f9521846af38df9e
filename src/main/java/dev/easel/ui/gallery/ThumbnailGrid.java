package dev.easel.ui.gallery;

import dev.easel.library.Tile;
import dev.easel.text.Messages;
import dev.easel.ui.Shortcut;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.RowSheet;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The gallery's grid: a {@link RowSheet} of rows of tiles, so only the rows in view exist, however large the library,
 * and they stay in the scene as it scrolls (each tile's CSS is matched once, not each time its row comes into view).
 * Thumbnails come from the disk cache, made in the background when missing, and a few hundred stay in memory.
 * Keyboard: arrows, Shift+arrows, Home/End, Page Up/Down, Ctrl+A, Enter opens, Space toggles.
 */
final class ThumbnailGrid extends Region {

    private static final double GAP = 8;
    private static final double PAD = 12;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FOCUSED_TILE = PseudoClass.getPseudoClass("focused-tile");
    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");

    private final GalleryViewModel vm;
    private final IntConsumer open;
    private final RowSheet<Row> sheet = new RowSheet<>(Row::new, Row::show);
    private final TileImages shown;
    private int columns = 1;

    ThumbnailGrid(GalleryViewModel vm, IntConsumer open) {
        this.vm = vm;
        this.open = open;
        this.shown = new TileImages(vm);
        setId("galleryGrid");
        getStyleClass().add("thumbnail-grid");
        setFocusTraversable(true);
        setAccessibleText(Messages.get("gallery.galleryArrowsMoveEnter"));
        sheet.scrollBar().getStyleClass().add("thumbnail-scroll-bar");
        sheet.setRowHeight(vm.thumbSizeProperty().get() + GAP);
        getChildren().add(sheet);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        vm.tiles().addListener((ListChangeListener<Tile>) c -> reload());
        vm.selected().addListener((SetChangeListener<Long>) c -> restyle());
        vm.focusProperty().addListener((o, was, now) -> {
            restyle();
            if (now.intValue() >= 0) {
                sheet.scrollToRow(now.intValue() / columns());
            }
        });
        vm.thumbSizeProperty().addListener((o, was, now) -> {
            shown.sizeChanged();
            sheet.setRowHeight(now.doubleValue() + GAP);
            columns = -1;
            requestLayout();
        });
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
    }

    /** Tiles per row at the current width. */
    int columns() {
        return Math.max(1, columns);
    }

    /** The sheet of rows (for a benchmark or a test to scroll). */
    RowSheet<?> sheet() {
        return sheet;
    }

    @Override
    protected void layoutChildren() {
        double size = vm.thumbSizeProperty().get();
        // the scroll bar's width is kept free whether it shows or not, so the column count never flips with it
        int fit = Math.max(1, (int) ((getWidth() - 2 * PAD - sheet.barWidth() + GAP) / (size + GAP)));
        if (fit != columns) {
            columns = fit;
            reload();
        }
        sheet.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    private void reload() {
        sheet.setRowCount((vm.tiles().size() + columns() - 1) / columns());
    }

    private void restyle() {
        for (Row r : sheet.rows()) {
            r.restyle();
        }
    }

    private void key(KeyEvent e) {
        boolean shift = e.isShiftDown();
        int page = Math.max(1, (int) (getHeight() / sheet.rowHeight())) * columns();
        switch (e.getCode()) {
            case LEFT -> vm.move(-1, shift);
            case RIGHT -> vm.move(1, shift);
            case UP -> vm.move(-columns(), shift);
            case DOWN -> vm.move(columns(), shift);
            case PAGE_UP -> vm.move(-page, shift);
            case PAGE_DOWN -> vm.move(page, shift);
            case HOME -> vm.move(-vm.tiles().size(), shift);
            case END -> vm.move(vm.tiles().size(), shift);
            case ENTER -> open.accept(vm.focusProperty().get());
            case SPACE -> vm.click(Math.max(0, vm.focusProperty().get()), false, true);
            case A -> {
                if (!Shortcut.SELECT_ALL.matches(e)) {
                    return;
                }
                vm.selectAll();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** One row of the grid: {@link #columns} tiles, moved and filled again by the sheet as the grid scrolls. */
    private final class Row extends Pane {
        private final List<TileView> views = new ArrayList<>();

        Row() {
            getStyleClass().add("thumbnail-row");
        }

        @Override
        protected void layoutChildren() {
            double size = vm.thumbSizeProperty().get();
            // the columns centred in the row
            double x = Math.max(PAD, (getWidth() - columns() * (size + GAP) + GAP) / 2);
            for (TileView v : views) {
                v.resizeRelocate(x, GAP / 2, size, size);
                x += size + GAP;
            }
        }

        /** Shows grid row {@code row}'s tiles; -1: none. */
        void show(int row) {
            int cols = columns();
            while (views.size() < cols) {
                TileView v = new TileView();
                views.add(v);
                getChildren().add(v);
            }
            while (views.size() > cols) { // the grid narrowed: fewer tiles a row, none left beyond its edge
                getChildren().remove(views.removeLast());
            }
            for (int c = 0; c < views.size(); c++) {
                int index = row * cols + c;
                TileView v = views.get(c);
                if (row >= 0 && index < vm.tiles().size()) {
                    v.show(index, vm.tiles().get(index));
                } else {
                    v.clear();
                }
            }
            requestLayout();
        }

        void restyle() {
            views.forEach(TileView::restyle);
        }
    }

    /**
     * One tile: its thumbnail, a star when it is a favourite, a badge when its file is missing. The star and the
     * badge are made and added only for the tiles that show them: every node of a row has its CSS matched again
     * each time the row scrolls into view (the list re-adds its cells), so a plain tile is two nodes, not ten.
     */
    private final class TileView extends StackPane {
        private final ImageView view = new ImageView();
        private Label star;
        private Label missing;
        private final Tooltip tip = new Tooltip();
        private Tile tile;
        private int index = -1;
        /** The image whose thumbnail this tile waits for, or -1: read by the decoder's thread. */
        private volatile long wanted = -1;

        TileView() {
            getStyleClass().add("tile");
            view.setPreserveRatio(true);
            view.setSmooth(true);
            getChildren().add(view);
            Tooltip.install(this, tip);
            tip.setOnShowing(e -> withPrompt(() -> tip.setText(shown.describe(tile))));
            setOnMouseClicked(e -> {
                if (tile == null || e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                ThumbnailGrid.this.requestFocus();
                if (e.getClickCount() == 2) {
                    open.accept(index);
                } else {
                    vm.click(index, e.isShiftDown(), e.isShortcutDown());
                }
                e.consume();
            });
            setOnContextMenuRequested(e -> {
                if (tile != null && !vm.isSelected(tile.id())) {
                    vm.click(index, false, false);
                }
            });
            // drag images out to another app (or the desktop) as files
            setOnDragDetected(e -> {
                if (tile == null) {
                    return;
                }
                if (!vm.isSelected(tile.id())) {
                    vm.click(index, false, false);
                }
                List<File> files = vm.targets().stream().filter(t -> !t.missing())
                        .map(t -> t.file().toFile()).toList();
                if (files.isEmpty()) {
                    return;
                }
                var board = startDragAndDrop(TransferMode.COPY);
                var content = new ClipboardContent();
                content.putFiles(files);
                board.setContent(content);
                if (view.getImage() != null) {
                    board.setDragView(view.getImage());
                }
                e.consume();
            });
        }

        void show(int i, Tile t) {
            index = i;
            setVisible(true);
            double size = vm.thumbSizeProperty().get();
            if (tile != null && tile.equals(t) && view.getFitWidth() == size) {
                restyle();
                return;
            }
            tile = t;
            view.setFitWidth(size);
            view.setFitHeight(size);
            badges(t);
            tip.setText(shown.describe(t));
            restyle();
            Image cached = shown.cached(t);
            view.setImage(cached);
            wanted = cached == null ? t.id() : -1;
            if (cached == null) { // a missing file still shows its cached thumbnail, if there is one
                shown.load(t, size, () -> wanted, view::setImage);
            }
        }

        /** Shows the star and the missing badge this tile needs (made the first time), and no other. */
        private void badges(Tile t) {
            if (t.favourite() && star == null) {
                star = new Label(null, Icons.of(Feather.STAR));
                star.getStyleClass().add("tile-star");
                StackPane.setAlignment(star, Pos.TOP_RIGHT);
            }
            if (t.missing() && missing == null) {
                missing = new Label(Messages.get("gallery.missing"), Icons.of(Feather.ALERT_TRIANGLE));
                missing.getStyleClass().add("tile-missing");
                StackPane.setAlignment(missing, Pos.BOTTOM_CENTER);
            }
            shows(star, t.favourite());
            shows(missing, t.missing());
        }

        /** A badge is a child only while it is shown: a hidden one would still have its CSS matched. */
        private void shows(Label badge, boolean on) {
            if (badge == null) {
                return;
            }
            if (on && !getChildren().contains(badge)) {
                getChildren().add(badge);
            } else if (!on) {
                getChildren().remove(badge);
            }
        }

        /** Runs {@code then} once this tile's prompt is read, if the tile still shows that picture. */
        private void withPrompt(Runnable then) {
            Tile t = tile;
            shown.readPrompt(t, () -> {
                if (t.equals(tile)) {
                    then.run();
                }
            });
        }

        /** A screen reader hears the prompt: read when it first asks, announced when it is there. */
        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            if (attribute == AccessibleAttribute.TEXT) {
                withPrompt(() -> notifyAccessibleAttributeChanged(AccessibleAttribute.TEXT));
                return shown.describe(tile);
            }
            return super.queryAccessibleAttribute(attribute, parameters);
        }

        void clear() {
            tile = null;
            index = -1;
            wanted = -1;
            view.setImage(null);
            setVisible(false);
        }

        void restyle() {
            boolean on = tile != null;
            pseudoClassStateChanged(SELECTED, on && vm.isSelected(tile.id()));
            pseudoClassStateChanged(FOCUSED_TILE, on && index == vm.focusProperty().get());
            pseudoClassStateChanged(MISSING, on && tile.missing());
        }
    }
}
