package dev.easel.ui.gallery;

import dev.easel.library.Artwork;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Labels;
import dev.easel.workflow.Parameter;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What made two pictures, side by side: one row a setting, the left picture's value and the right one's, and the
 * rows where they differ marked, so a comparison says what changed between them.
 */
final class CompareTable {

    /** One setting of both pictures; {@code differs} when their values are not the same. */
    record Row(String name, String left, String right) {
        boolean differs() {
            return !Objects.equals(left, right);
        }
    }

    /** Said elsewhere in the table (the prompts, the size) or not a setting of the picture (the file name prefix). */
    private static final Set<Parameter> NOT_A_ROW = EnumSet.of(Parameter.PROMPT, Parameter.NEGATIVE_PROMPT,
            Parameter.WIDTH, Parameter.HEIGHT, Parameter.FILENAME_PREFIX);

    private CompareTable() {
    }

    /** The rows for two pictures: prompts, size, every parameter either has, template, endpoint, run time, cost. */
    static List<Row> rows(Artwork a, Artwork b) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Messages.get("viewer.field.prompt"), a.prompt(), b.prompt()));
        if (!a.negativePrompt().isBlank() || !b.negativePrompt().isBlank()) {
            rows.add(new Row(Messages.get("viewer.field.negative"), a.negativePrompt(), b.negativePrompt()));
        }
        rows.add(new Row(Messages.get("params.size"), a.width() + " × " + a.height(), b.width() + " × " + b.height()));
        var left = a.values();
        var right = b.values();
        for (Parameter p : Parameter.values()) {
            if (!NOT_A_ROW.contains(p) && (left.containsKey(p) || right.containsKey(p))) {
                rows.add(new Row(Labels.parameter(p), left.getOrDefault(p, "—"), right.getOrDefault(p, "—")));
            }
        }
        rows.add(new Row(Messages.get("viewer.field.template"), or(a.templateId()), or(b.templateId())));
        rows.add(new Row(Messages.get("viewer.field.endpoint"), or(a.endpoint()), or(b.endpoint())));
        rows.add(new Row(Messages.get("viewer.field.ran"), seconds(a), seconds(b)));
        return rows;
    }

    private static String or(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static String seconds(Artwork a) {
        return a.execution() == null ? "—" : String.format(Locale.ROOT, "%.1f s", a.execution().toMillis() / 1000.0);
    }

    /** Fills the grid: a heading row, then the rows, those that differ marked. */
    static void fill(GridPane grid, Artwork a, Artwork b) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        var names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(names);
        for (int i = 0; i < 2; i++) { // the two share what the names leave, equally, and wrap within it
            var values = new ColumnConstraints(0, 0, Double.MAX_VALUE);
            values.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(values);
        }
        grid.addRow(0, new Label(), heading(Messages.get("viewer.compare.left")),
                heading(Messages.get("viewer.compare.right")));
        int r = 1;
        for (Row row : rows(a, b)) {
            var name = new Label(row.differs() ? row.name() + " ≠" : row.name());
            name.getStyleClass().add("meta-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(r++, name, value(row.left(), row.differs()), value(row.right(), row.differs()));
        }
    }

    private static Label heading(String text) {
        var l = Labels.uncut(new Label(text));
        l.getStyleClass().add("meta-name");
        return l;
    }

    private static Label value(String text, boolean differs) {
        var l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        if (differs) {
            l.getStyleClass().add("meta-differs");
        }
        return l;
    }
}
