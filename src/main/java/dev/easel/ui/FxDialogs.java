package dev.easel.ui;

import dev.easel.text.Messages;
import dev.easel.workflow.Parameter;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/** The dialogs of {@link Dialogs} as JavaFX alerts over the main window. */
public final class FxDialogs implements Dialogs {

    private final Supplier<Window> owner;
    private final AtomicBoolean errorShown = new AtomicBoolean();

    /** @param owner the window the dialogs belong to, when there is one yet (else null) */
    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String header, String text, String yes, String no) {
        var yesButton = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE),
                yesButton);
        alert.setTitle(title);
        alert.setHeaderText(header);
        own(alert);
        ((Button) alert.getDialogPane().lookupButton(yesButton)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == yesButton).isPresent();
    }

    @Override
    public void error(String report, Path reportFile) {
        if (!errorShown.compareAndSet(false, true)) {
            return; // one at a time: an error that repeats doesn't stack up dialogs
        }
        var copy = new ButtonType(Messages.get("dialog.copyDetails"));
        var alert = new Alert(Alert.AlertType.ERROR, Messages.get("dialog.error.text") + (reportFile == null ? ""
                : "\n\n" + Messages.get("dialog.error.report", reportFile)), copy, ButtonType.CLOSE);
        alert.setTitle(Messages.get("dialog.error.title"));
        alert.setHeaderText(Messages.get("dialog.error.header"));
        var details = new TextArea(report);
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        copies(alert, copy, report);
        own(alert);
        alert.setOnHidden(e -> errorShown.set(false));
        alert.show();
    }

    @Override
    public void info(String title, String header, String text, boolean monospace, URL graphic) {
        var copy = new ButtonType(Messages.get("dialog.copy"));
        var alert = new Alert(Alert.AlertType.INFORMATION, text, copy, ButtonType.CLOSE);
        alert.setTitle(title);
        alert.setHeaderText(header);
        if (graphic != null) {
            alert.setGraphic(new ImageView(new Image(graphic.toExternalForm())));
        }
        if (monospace) { // a table: its own width, never wrapped
            var table = new Label(text);
            table.getStyleClass().add("monospace-text");
            table.setWrapText(false);
            table.setMinWidth(Region.USE_PREF_SIZE);
            alert.getDialogPane().setContent(table);
        }
        copies(alert, copy, text);
        own(alert);
        alert.show();
    }

    @Override
    public void table(String title, String header, List<List<String>> rows, String copyText) {
        var copy = new ButtonType(Messages.get("dialog.copy"));
        var alert = new Alert(Alert.AlertType.INFORMATION, copyText, copy, ButtonType.CLOSE);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setGraphic(null);
        var grid = new GridPane();
        grid.setId("shortcutTable");
        grid.setHgap(18);
        grid.setVgap(6);
        var keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        var words = new ColumnConstraints();
        words.setMinWidth(260);
        words.setPrefWidth(360);
        grid.getColumnConstraints().addAll(keys, words);
        for (int r = 0; r < rows.size(); r++) {
            var key = new Label(rows.get(r).get(0));
            key.getStyleClass().add("kbd");
            key.setMinWidth(Region.USE_PREF_SIZE);
            var does = new Label(rows.get(r).get(1));
            does.setWrapText(true);
            does.setMinHeight(Region.USE_PREF_SIZE);
            grid.addRow(r, key, does);
        }
        alert.getDialogPane().setContent(grid);
        alert.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        copies(alert, copy, copyText);
        own(alert);
        alert.show();
    }

    @Override
    public Optional<TemplateForm> saveTemplate(TemplateForm suggested, List<Parameter> offered,
                                               Function<String, String> problem) {
        return TemplateDialogs.save(this::own, suggested, offered, problem);
    }

    @Override
    public Optional<String> askName(String title, String header, String initial, Function<String, String> problem) {
        return TemplateDialogs.askName(this::own, title, header, initial, problem);
    }

    private void own(Dialog<?> alert) {
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
            if (w.getScene() != null) { // the app's style classes in the dialog too
                alert.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
            }
        }
    }

    /** The button copies the text to the clipboard and leaves the dialog open. */
    private static void copies(Alert alert, ButtonType button, String text) {
        alert.getDialogPane().lookupButton(button).addEventFilter(ActionEvent.ACTION, e -> {
            var content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
    }
}
