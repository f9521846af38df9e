package dev.easel.ui;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Every dialog the main window opens, behind one interface: views and the window ask it, and tests can answer
 * in its place. {@link FxDialogs} shows them over the main window.
 */
public interface Dialogs {

    /**
     * Asks before doing something that can't be undone or costs money; waits for the answer.
     *
     * @return true when the user chose {@code yes}
     */
    boolean confirm(String title, String header, String text, String yes, String no);

    /** Says that something went wrong nobody caught, with the report (no secrets in it) and where it was written. */
    void error(String report, Path reportFile);

    /**
     * Information to read and copy: About, the keyboard shortcuts.
     *
     * @param monospace set the text in a fixed-width font (a table)
     * @param graphic   an image beside the header, or null
     */
    void info(String title, String header, String text, boolean monospace, URL graphic);

    /**
     * A table to read and copy (the keyboard shortcuts): two aligned columns, the first as keys.
     *
     * @param rows     each row's two cells
     * @param copyText what Copy puts on the clipboard
     */
    void table(String title, String header, List<List<String>> rows, String copyText);
}
