package dev.easel.ui.gallery;

import dev.easel.library.Exporter;
import dev.easel.settings.Settings;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Labels;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Asks where and how to export pictures: the folder, the format, the names, a sidecar. */
final class ExportDialog extends Dialog<Exporter.Options> {

    /**
     * @param count          how many pictures, for the header
     * @param last           the choices of the last export (the folder, format, names, sidecar, quality)
     * @param patternProblem what is wrong with a name pattern, or null when it is fine
     */
    ExportDialog(int count, Settings.Export last, UnaryOperator<String> patternProblem) {
        setTitle(Messages.get("gallery.export"));
        setHeaderText(Messages.get("export.header", count));
        var folder = new TextField(last.folder() == null ? System.getProperty("user.home") : last.folder());
        folder.setId("exportFolder");
        folder.setPrefColumnCount(28);
        var choose = new Button(Messages.get("gallery.choose"));
        choose.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            File start = new File(folder.getText());
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            File picked = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (picked != null) {
                folder.setText(picked.getPath());
            }
        });
        var format = new ComboBox<Exporter.Format>();
        format.setId("exportFormat");
        format.getItems().setAll(Exporter.Format.values());
        format.setConverter(Labels.of(f -> switch (f) {
            case PNG -> Messages.get("export.format.png");
            case JPEG -> Messages.get("export.format.jpeg");
            case WEBP -> Messages.get("export.format.webp");
            case WEBP_LOSSLESS -> Messages.get("export.format.webpLossless");
        }));
        format.setValue(formatNamed(last.format()));
        var quality = new Spinner<Integer>(1, 100, last.quality());
        quality.setId("exportQuality");
        quality.setEditable(true);
        quality.setPrefWidth(90);
        // JPEG and lossy WebP only: PNG and WebP lossless are exact
        quality.disableProperty().bind(format.valueProperty().isNotEqualTo(Exporter.Format.JPEG)
                .and(format.valueProperty().isNotEqualTo(Exporter.Format.WEBP)));
        var pattern = new TextField(last.pattern() == null ? Exporter.Options.DEFAULT_PATTERN : last.pattern());
        pattern.setId("exportPattern");
        var hint = new Label(Messages.get("gallery.originalDateTimePrompt"));
        hint.getStyleClass().add("text-muted");
        var sidecar = new CheckBox(Messages.get("gallery.aJsonFileBeside"));
        sidecar.setId("exportSidecar");
        sidecar.setSelected(last.sidecar());
        sidecar.setWrapText(true); // the dialog's width, not the sentence's: it wraps rather than being cut
        sidecar.setMaxWidth(420);
        sidecar.setMinHeight(Region.USE_PREF_SIZE);
        var problem = new Label();
        problem.getStyleClass().add("danger");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        var form = new GridPane(8, 8);
        var labels = List.of(new Label(Messages.get("gallery.folder")), new Label(Messages.get("gallery.format")),
                new Label(Messages.get("gallery.quality")), new Label(Messages.get("gallery.names")));
        labels.forEach(l -> l.setMinWidth(Region.USE_PREF_SIZE));
        form.addRow(0, labels.get(0), new HBox(6, folder, choose));
        form.addRow(1, labels.get(1), format);
        form.addRow(2, labels.get(2), quality);
        form.addRow(3, labels.get(3), new VBox(2, pattern, hint));
        form.add(sidecar, 1, 4);
        form.add(problem, 1, 5);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        ((Button) ok).setText(Messages.get("gallery.exportDialog.ok"));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            String bad = folder.getText().isBlank() ? Messages.get("export.chooseFolder")
                    : patternProblem.apply(pattern.getText());
            if (bad != null) {
                problem.setText(bad);
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? new Exporter.Options(Path.of(folder.getText().strip()),
                format.getValue(), pattern.getText(), sidecar.isSelected(), quality.getValue() / 100f) : null);
    }

    /** The format a remembered name names; PNG for a name this version does not know. */
    static Exporter.Format formatNamed(String name) {
        for (Exporter.Format f : Exporter.Format.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return Exporter.Format.PNG;
    }

    /** What to remember of an export's options, for the next one. */
    static Settings.Export remembered(Exporter.Options o) {
        return new Settings.Export(o.folder().toString(), o.format().name(),
                Exporter.Options.DEFAULT_PATTERN.equals(o.pattern()) ? null : o.pattern(), o.sidecar(),
                Math.round(o.quality() * 100));
    }
}
