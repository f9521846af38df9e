package dev.easel.ui.gallery;

import dev.easel.library.LibraryQuery;
import dev.easel.library.Tile;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The gallery's selection and its filters, without a library behind them. */
class GallerySelectionTest {

    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final GallerySelection selection = new GallerySelection(tiles);

    private static List<Tile> tiles(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new Tile(id, id + ".png", 8, 8, id, false, false,
                Instant.EPOCH)).toList();
    }

    private List<Long> selectedIds() {
        return selection.targets().stream().map(Tile::id).toList();
    }

    @Test
    void aClickSelectsOneShiftExtendsFromTheAnchorCtrlToggles() {
        selection.show(tiles(10, 11, 12, 13, 14));
        selection.click(1, false, false);
        assertThat(selectedIds()).containsExactly(11L);
        selection.click(3, true, false);
        assertThat(selectedIds()).containsExactly(11L, 12L, 13L);
        selection.click(2, false, true);
        assertThat(selectedIds()).containsExactly(11L, 13L);
        selection.click(4, false, true);
        assertThat(selectedIds()).containsExactly(11L, 13L, 14L);
        assertThat(selection.focusProperty().get()).isEqualTo(4);
        selection.click(9, false, false);
        assertThat(selectedIds()).as("a click beside the tiles changes nothing").containsExactly(11L, 13L, 14L);
    }

    @Test
    void arrowsMoveTheFocusWithinTheTilesAndShiftExtends() {
        selection.show(tiles(1, 2, 3, 4, 5, 6));
        assertThat(selection.focused().id()).as("a shown library has the focus on its first").isEqualTo(1L);
        assertThat(selection.move(1, false)).isEqualTo(1);
        assertThat(selection.move(2, true)).isEqualTo(3);
        assertThat(selectedIds()).containsExactly(2L, 3L, 4L);
        assertThat(selection.move(100, false)).as("stops at the end").isEqualTo(5);
        assertThat(selectedIds()).containsExactly(6L);
        assertThat(selection.move(-100, false)).isZero();
        selection.clear();
        assertThat(selectedIds()).as("nothing selected: the focused one is the target").containsExactly(1L);
        selection.show(List.of());
        assertThat(selection.move(1, false)).isEqualTo(-1);
        assertThat(selection.targets()).isEmpty();
    }

    @Test
    void aReloadKeepsWhatIsStillThereAndTheFocusOnItsTile() {
        selection.show(tiles(1, 2, 3, 4));
        selection.click(1, false, false);
        selection.click(3, false, true);
        selection.show(tiles(9, 4, 3, 1)); // 2 is gone, the order changed
        assertThat(selection.selected()).containsExactly(4L);
        assertThat(selection.focused().id()).isEqualTo(4L);
        selection.selectAll();
        assertThat(selection.selected()).containsExactlyInAnyOrder(9L, 4L, 3L, 1L);
        selection.view(2);
        assertThat(selectedIds()).as("the viewed picture is the one selected").containsExactly(3L);
    }

    @Test
    void theFiltersMakeTheQueryAndAskForAReloadOncePerChange() {
        List<String> reloads = new ArrayList<>();
        GalleryFilters filters = new GalleryFilters(() -> reloads.add("reload"));
        filters.queryProperty().set("fox");
        filters.seedProperty().set(" 42 ");
        assertThat(reloads).as("typed words and seeds wait for the pause in typing").isEmpty();
        filters.sizeProperty().set("1024×768");
        filters.favouritesOnlyProperty().set(true);
        filters.fromProperty().set(LocalDate.of(2026, 11, 1));
        filters.sortProperty().set(LibraryQuery.Sort.PROMPT);
        assertThat(reloads).hasSize(4);

        LibraryQuery q = filters.query();
        assertThat(q.text()).isEqualTo("fox");
        assertThat(q.seed()).isEqualTo(42L);
        assertThat(q.width()).isEqualTo(1024);
        assertThat(q.height()).isEqualTo(768);
        assertThat(q.favouritesOnly()).isTrue();
        assertThat(q.sort()).isEqualTo(LibraryQuery.Sort.PROMPT);

        filters.seedProperty().set("not a seed");
        assertThat(filters.query().seed()).isNull();
        reloads.clear();
        filters.clear();
        assertThat(reloads).as("clearing reloads once").hasSize(1);
        assertThat(filters.query().narrowed()).as("the words stay").isTrue();
        assertThat(filters.query().favouritesOnly()).isFalse();
        assertThat(filters.query().sort()).as("and the order").isEqualTo(LibraryQuery.Sort.PROMPT);
    }
}
