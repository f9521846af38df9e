package dev.easel.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of shortcuts: what Help shows is what the keys do. */
class ShortcutTest {

    private static KeyEvent press(KeyCode code, boolean shortcut, boolean shift) {
        // the shortcut modifier is Ctrl here (Linux, the build's platform): meta on macOS
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, shortcut, false, false);
    }

    @Test
    void helpListsEveryShortcutOnceInAColumn() {
        String table = Shortcut.table();
        assertThat(table.lines()).hasSize(Shortcut.values().length);
        for (Shortcut s : Shortcut.values()) {
            assertThat(table.lines().filter(l -> l.startsWith(s.keys() + " ") && l.endsWith(s.does()))).hasSize(1);
        }
        assertThat(table.lines().map(l -> l.indexOf(Shortcut.values()[0].does().charAt(0), 3)).distinct())
                .as("the descriptions start in one column").isNotEmpty();
        assertThat(Stream.of(Shortcut.values()).map(Shortcut::keys).distinct()).hasSize(Shortcut.values().length);
    }

    @Test
    void eachMatchesItsKeysAndNoOtherShortcuts() {
        assertThat(Shortcut.GENERATE.matches(press(KeyCode.ENTER, true, false))).isTrue();
        assertThat(Shortcut.GENERATE.matches(press(KeyCode.ENTER, false, false))).isFalse();
        assertThat(Shortcut.OPEN_PICTURE.matches(press(KeyCode.ENTER, false, false))).isTrue();
        assertThat(Shortcut.SEARCH.matches(press(KeyCode.F, true, false))).isTrue();
        assertThat(Shortcut.FORMAT_JSON.matches(press(KeyCode.F, true, false))).as("needs Shift too").isFalse();
        assertThat(Shortcut.FORMAT_JSON.matches(press(KeyCode.F, true, true))).isTrue();
        assertThat(Shortcut.FAVOURITE.matches(press(KeyCode.F, true, false))).as("Ctrl+F searches").isFalse();
        assertThat(Shortcut.FAVOURITE.matches(press(KeyCode.F, false, false))).isTrue();
        assertThat(Shortcut.MOVE.matches(press(KeyCode.LEFT, false, false))).as("the grid's own").isFalse();
        assertThat(Shortcut.HELP.matches(press(KeyCode.F1, false, false))).isTrue();
        assertThat(Shortcut.QUIT.matches(press(KeyCode.Q, true, false))).isTrue();
        assertThat(Shortcut.QUIT.matches(press(KeyCode.Q, false, false))).as("a q typed in the prompt").isFalse();
        assertThat(Shortcut.NEXT_FIELD.matches(press(KeyCode.TAB, false, false))).as("the fields' own").isFalse();
    }
}
