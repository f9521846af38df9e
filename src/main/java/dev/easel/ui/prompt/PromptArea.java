package dev.easel.ui.prompt;

import dev.easel.text.Messages;
import dev.easel.ui.fx.TabMovesFocus;
import dev.easel.workflow.PromptSyntax;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;

/**
 * A prompt box that shows what ComfyUI reads in the text: {@code (word:1.2)} weights, {@code (word)} emphasis and
 * {@code <lora:…>} tags are coloured ({@link PromptSyntax}). Its text follows the view model's property both ways;
 * Tab moves the focus on.
 */
public final class PromptArea extends StyleClassedTextArea {

    public PromptArea(StringProperty text, String placeholder, String accessible) {
        getStyleClass().add("prompt-area");
        setWrapText(true);
        var hint = new Label(placeholder);
        hint.getStyleClass().add("prompt-placeholder");
        setPlaceholder(hint, Pos.TOP_LEFT);
        setAccessibleRole(AccessibleRole.TEXT_AREA);
        setAccessibleText(accessible);
        replaceText(text.get() == null ? "" : text.get());
        highlight();
        getUndoManager().forgetHistory();
        text.addListener((o, was, now) -> {
            String next = now == null ? "" : now;
            if (!next.equals(getText())) {
                replaceText(next); // a recent prompt, a template, "Use these settings": the caret goes to the end
                getUndoManager().preventMerge();
            }
        });
        plainTextChanges().subscribe(c -> {
            if (!getText().equals(text.get())) {
                text.set(getText());
            }
            highlight();
        });
        setContextMenu(menu());
        TabMovesFocus.install(this); // a prompt has no use for a tab character
    }

    private void highlight() {
        String t = getText();
        if (!t.isEmpty()) {
            setStyleSpans(0, spans(t));
        }
    }

    /** The prompt's styles: one class a span, none between them. */
    static StyleSpans<Collection<String>> spans(String text) {
        var b = new StyleSpansBuilder<Collection<String>>();
        int at = 0;
        for (PromptSyntax.Span s : PromptSyntax.spans(text)) {
            if (s.start() > at) {
                b.add(List.of(), s.start() - at);
            }
            b.add(List.of(switch (s.kind()) {
                case WEIGHT -> "prompt-weight";
                case EMPHASIS -> "prompt-emphasis";
                case LORA -> "prompt-lora";
            }), s.end() - s.start());
            at = s.end();
        }
        b.add(List.of(), text.length() - at);
        return b.create();
    }

    /** What a text field's menu has: undo, cut, copy, paste, select all. */
    private ContextMenu menu() {
        var undo = new MenuItem(Messages.get("prompt.menu.undo"));
        undo.setOnAction(e -> undo());
        var redo = new MenuItem(Messages.get("prompt.menu.redo"));
        redo.setOnAction(e -> redo());
        var cut = new MenuItem(Messages.get("prompt.menu.cut"));
        cut.setOnAction(e -> cut());
        var copy = new MenuItem(Messages.get("prompt.menu.copy"));
        copy.setOnAction(e -> copy());
        var paste = new MenuItem(Messages.get("prompt.menu.paste"));
        paste.setOnAction(e -> paste());
        var all = new MenuItem(Messages.get("prompt.menu.selectAll"));
        all.setOnAction(e -> selectAll());
        var menu = new ContextMenu(undo, redo, new SeparatorMenuItem(), cut, copy, paste, new SeparatorMenuItem(), all);
        menu.setOnShowing(e -> {
            undo.setDisable(!isUndoAvailable());
            redo.setDisable(!isRedoAvailable());
            boolean selected = getSelection().getLength() > 0;
            cut.setDisable(!selected);
            copy.setDisable(!selected);
        });
        return menu;
    }
}
