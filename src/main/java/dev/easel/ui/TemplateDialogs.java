package dev.easel.ui;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Forms;
import dev.easel.ui.fx.Labels;
import dev.easel.workflow.Parameter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The template dialogs of {@link FxDialogs}: Save as template and Rename. */
final class TemplateDialogs {

    private TemplateDialogs() {
    }

    static Optional<Dialogs.TemplateForm> save(Consumer<Dialog<?>> own, Dialogs.TemplateForm suggested,
                                               List<Parameter> offered, Function<String, String> problem) {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle(Messages.get("template.save.title"));
        dialog.setHeaderText(Messages.get("template.save.header"));
        var save = new ButtonType(Messages.get("template.save.ok"), ButtonBar.ButtonData.OK_DONE);
        var name = new TextField(suggested.name());
        name.setId("templateNameField");
        var about = new TextField(suggested.description());
        about.setId("templateDescriptionField");
        about.setPromptText(Messages.get("template.save.aboutHint"));
        var shows = new FlowPane(12, 8);
        shows.setId("templateShows");
        List<CheckBox> boxes = new ArrayList<>();
        for (Parameter p : offered) {
            var box = new CheckBox(Labels.parameter(p));
            box.setId("show-" + p.key());
            box.setUserData(p);
            box.setSelected(suggested.shown().isEmpty() || suggested.shown().contains(p));
            boxes.add(box);
        }
        shows.getChildren().setAll(boxes);
        var grid = form(name, Messages.get("template.save.name"));
        grid.addRow(1, fieldLabel(Messages.get("template.save.about")), about);
        if (!offered.isEmpty()) {
            grid.addRow(2, fieldLabel(Messages.get("template.save.shows")), shows);
            var note = new Label(Messages.get("template.save.showsNote"));
            note.getStyleClass().add("text-muted");
            note.setWrapText(true);
            note.setMinHeight(Region.USE_PREF_SIZE);
            grid.add(note, 1, 3);
        }
        return ask(dialog, grid, 4, name, problem, save, 520, own).map(b -> {
            Set<Parameter> chosen = EnumSet.noneOf(Parameter.class);
            boxes.stream().filter(CheckBox::isSelected).forEach(c -> chosen.add((Parameter) c.getUserData()));
            // every one shown is said as "all": a parameter a later graph adds shows too
            return new Dialogs.TemplateForm(name.getText().strip(), about.getText().strip(),
                    chosen.size() == offered.size() ? Set.of() : chosen);
        });
    }

    static Optional<String> askName(Consumer<Dialog<?>> own, String title, String header, String initial,
                                    Function<String, String> problem) {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        var name = new TextField(initial);
        name.setId("templateNameField");
        var grid = form(name, Messages.get("template.save.name"));
        var ok = new ButtonType(Messages.get("template.rename.ok"), ButtonBar.ButtonData.OK_DONE);
        return ask(dialog, grid, 1, name, problem, ok, 460, own).map(b -> name.getText().strip());
    }

    /**
     * Shows the form with the name's problem under it (on row {@code problemRow}) and Cancel and {@code ok}, which
     * waits for a usable name; the name is focused and selected. Present when {@code ok} was chosen.
     */
    private static Optional<ButtonType> ask(Dialog<ButtonType> dialog, GridPane grid, int problemRow, TextField name,
                                            Function<String, String> problem, ButtonType ok, double width,
                                            Consumer<Dialog<?>> own) {
        var problemText = Bindings.createStringBinding(() -> problem.apply(name.getText()), name.textProperty());
        grid.add(problemLabel(problemText), 1, problemRow);
        var pane = dialog.getDialogPane();
        pane.setContent(grid);
        pane.getButtonTypes().addAll(ButtonType.CANCEL, ok);
        pane.lookupButton(ok).disableProperty().bind(problemText.isNotNull());
        ((Button) pane.lookupButton(ok)).setDefaultButton(true);
        pane.setPrefWidth(width);
        own.accept(dialog);
        dialog.setOnShown(e -> {
            name.requestFocus();
            name.selectAll();
        });
        return dialog.showAndWait().filter(b -> b == ok);
    }

    private static GridPane form(TextField name, String label) {
        var grid = Forms.grid(10, 8, 0);
        grid.setPadding(new Insets(4, 0, 0, 0));
        grid.addRow(0, fieldLabel(label), name);
        return grid;
    }

    private static Label fieldLabel(String text) {
        var l = Labels.uncut(new Label(text));
        l.getStyleClass().add("field-label");
        return l;
    }

    private static Label problemLabel(StringBinding text) {
        var l = new Label();
        l.setId("templateNameProblem");
        l.getStyleClass().add("job-error");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.visibleProperty().bind(text.isNotNull());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
