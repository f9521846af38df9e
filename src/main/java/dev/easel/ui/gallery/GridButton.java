package dev.easel.ui.gallery;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;

import java.util.List;

/**
 * The viewer's "Open as grid", shown for a sweep's grid picture (tagged {@code grid}); beside it the buttons that
 * only make sense for a generated picture (its settings, a new seed, as an input) are hidden.
 */
final class GridButton {

    private GridButton() {
    }

    static Button of(GalleryViewModel vm, List<Button> notForGrids) {
        var asGrid = new Button(Messages.get("gallery.openAsGrid"), Icons.of(Feather.GRID));
        asGrid.setId("openAsGridButton");
        asGrid.setOnAction(e -> vm.reuse().openGrid(vm.viewedProperty().get()));
        BooleanBinding grid = Bindings.createBooleanBinding(() -> vm.viewedTags().contains("grid"), vm.viewedTags());
        asGrid.visibleProperty().bind(grid);
        asGrid.managedProperty().bind(grid);
        for (Button b : notForGrids) {
            b.visibleProperty().bind(grid.not());
            b.managedProperty().bind(grid.not());
        }
        return asGrid;
    }
}
