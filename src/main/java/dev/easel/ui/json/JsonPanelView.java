package dev.easel.ui.json;

import dev.easel.text.Messages;
import dev.easel.ui.Shortcut;
import dev.easel.ui.fx.Icons;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;

import java.time.Duration;
import java.util.List;

/** The raw workflow JSON side panel: the exact request body, editable, checked as you type. */
public final class JsonPanelView extends BorderPane {

    private static final Duration TYPING_PAUSE = Duration.ofMillis(300);

    private final CodeArea area = new CodeArea();
    private final JsonPanelViewModel vm;

    public JsonPanelView(JsonPanelViewModel vm) {
        this.vm = vm;
        getStyleClass().add("json-panel");
        area.setId("jsonEditor");
        area.getStyleClass().add("json-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setWrapText(false);
        area.setAccessibleText(Messages.get("json.workflowRequestBodyJson"));

        var title = new Label(Messages.get("json.requestBody"));
        title.getStyleClass().add("section-title");
        var format = new Button(Messages.get("json.format"), Icons.of(Feather.ALIGN_LEFT));
        format.setId("formatJsonButton");
        format.setTooltip(new Tooltip(Messages.get("json.reIndentTheJson")));
        format.setOnAction(e -> format());
        var curl = new Button(Messages.get("json.copyAsCurl"), Icons.of(Feather.TERMINAL));
        curl.setId("copyCurlButton");
        curl.setTooltip(new Tooltip(Messages.get("json.copyACurlCommand")));
        curl.disableProperty().bind(vm.validProperty().not());
        curl.setOnAction(e -> copy(vm.curlCommand()));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setTop(new ToolBar(title, spacer, format, curl));
        setCenter(new VirtualizedScrollPane<>(area));

        var status = new Label();
        status.setId("jsonStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        vm.validProperty().addListener((o, was, ok) -> status.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("error"), !ok));
        var problems = new ListView<>(vm.problems());
        problems.setId("jsonProblems");
        problems.setPrefHeight(110);
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(JsonPanelViewModel.TextProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.label());
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (!empty && p != null) {
                    getStyleClass().add(p.error() ? "problem-error" : "problem-warning");
                }
            }
        });
        problems.setOnMouseClicked(e -> {
            var p = problems.getSelectionModel().getSelectedItem();
            if (p != null && p.line() > 0) {
                area.moveTo(Math.min(p.line() - 1, area.getParagraphs().size() - 1), Math.max(0, p.column() - 1));
                area.requestFollowCaret();
                area.requestFocus();
            }
        });
        var bottom = new VBox(6, status, problems);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        setBottom(bottom);

        area.replaceText(vm.textProperty().get());
        highlight();
        area.getUndoManager().forgetHistory();
        vm.textProperty().addListener((o, was, now) -> {
            if (!now.equals(area.getText())) {
                int caret = Math.min(area.getCaretPosition(), now.length());
                area.replaceText(now);
                area.moveTo(caret);
            }
        });
        vm.problems().addListener((ListChangeListener<JsonPanelViewModel.TextProblem>) c -> highlight());
        area.multiPlainChanges().successionEnds(TYPING_PAUSE).subscribe(ignore -> {
            if (!area.getText().equals(vm.textProperty().get())) {
                vm.edited(area.getText());
            }
        });
        area.multiPlainChanges().subscribe(ignore -> highlight());
        vm.setOnScreenText(area::getText); // Generate right after typing sends what is typed
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcut.FORMAT_JSON.matches(e)) {
                format();
                e.consume();
            }
        });
    }

    /** Sends the text as it is now (no waiting for the typing pause), then re-indents it. */
    private void format() {
        if (!area.getText().equals(vm.textProperty().get())) {
            vm.edited(area.getText());
        }
        vm.format();
    }

    private void highlight() {
        List<Long> errors = vm.problems().stream().filter(p -> p.offset() >= 0).map(JsonPanelViewModel.TextProblem::offset)
                .toList();
        String text = area.getText();
        if (!text.isEmpty()) {
            area.setStyleSpans(0, JsonHighlighter.spans(text, errors));
        }
    }

    private static void copy(String s) {
        var content = new ClipboardContent();
        content.putString(s);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The editor, for the window to focus. */
    public CodeArea editor() {
        return area;
    }
}
