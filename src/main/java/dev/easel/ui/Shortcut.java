package dev.easel.ui;

import dev.easel.text.Messages;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every keyboard shortcut, once: the views register or match these, and Help → Keyboard shortcuts is this table.
 * Those with a key combination are matched by it; the arrows are the grid's own.
 */
public enum Shortcut {
    GENERATE("Ctrl/Cmd+Enter", key("shortcut.generate"), combo(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    SWEEP("Ctrl/Cmd+Shift+Enter", key("shortcut.sweep"),
            combo(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    SEARCH("Ctrl/Cmd+F", key("shortcut.search"), combo(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    OPEN("Ctrl/Cmd+O", key("shortcut.open"), combo(KeyCode.O, KeyCombination.SHORTCUT_DOWN)),
    FORMAT_JSON("Ctrl/Cmd+Shift+F", key("shortcut.formatJson"),
            combo(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    MOVE("Arrows", key("shortcut.move"), null),
    SELECT_ALL("Ctrl/Cmd+A", key("shortcut.selectAll"), combo(KeyCode.A, KeyCombination.SHORTCUT_DOWN)),
    OPEN_PICTURE("Enter", key("shortcut.openPicture"), combo(KeyCode.ENTER)),
    FAVOURITE("F", key("shortcut.favourite"), combo(KeyCode.F)),
    TRASH("Delete", key("shortcut.trash"), combo(KeyCode.DELETE)),
    BACK("Esc", key("shortcut.back"), combo(KeyCode.ESCAPE)),
    NEXT_FIELD("Tab, Shift+Tab", key("shortcut.nextField"), null),
    ENDPOINT("Ctrl/Cmd+Shift+E", key("shortcut.endpoint"),
            combo(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    HELP("F1", key("shortcut.help"), combo(KeyCode.F1)),
    QUIT("Ctrl/Cmd+Q", key("shortcut.quit"), combo(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));

    private final String keys;
    private final String key;
    private final KeyCombination combination;

    Shortcut(String keys, String key, KeyCombination combination) {
        this.keys = keys;
        this.key = key;
        this.combination = combination;
    }

    /** A key of the messages bundle (named so that {@code MessagesTest} finds it). */
    private static String key(String key) {
        return key;
    }

    private static KeyCombination combo(KeyCode code, KeyCombination.Modifier... modifiers) {
        return new KeyCodeCombination(code, modifiers);
    }

    /** The combination, or null for keys described only (the arrows). */
    public KeyCombination combination() {
        return combination;
    }

    public boolean matches(KeyEvent e) {
        return combination != null && combination.match(e);
    }

    /** The keys as Help writes them, for every platform ("Ctrl/Cmd+F"). */
    public String keys() {
        return keys;
    }

    /** What it does, in the user's words (the messages bundle). */
    public String does() {
        return Messages.get(key);
    }

    /** Every shortcut as its keys and what they do, for the shortcuts dialog. */
    public static List<List<String>> rows() {
        return Stream.of(values()).map(s -> List.of(s.keys, s.does())).toList();
    }

    /** Help's table as text (what its Copy puts on the clipboard): the keys in a column, what they do beside them. */
    public static String table() {
        int width = Stream.of(values()).mapToInt(s -> s.keys.length()).max().orElse(0) + 3;
        return Stream.of(values()).map(s -> s.keys + " ".repeat(width - s.keys.length()) + s.does())
                .collect(Collectors.joining("\n"));
    }
}
