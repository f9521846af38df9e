package dev.easel.ui.fx;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The two-column form every dialog uses: labels as wide as their words, fields taking the rest. */
public final class Forms {

    private Forms() {
    }

    /** A label column never cut, a field column that grows (at least {@code minField} wide, 0 for any). */
    public static GridPane grid(double hgap, double vgap, double minField) {
        var grid = new GridPane();
        var labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        var fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        if (minField > 0) {
            fields.setMinWidth(minField);
        }
        grid.getColumnConstraints().addAll(labels, fields);
        grid.setHgap(hgap);
        grid.setVgap(vgap);
        return grid;
    }
}
