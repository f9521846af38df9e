package dev.easel.ui;

import dev.easel.workflow.Parameter;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    /** What a template is saved as: its name, a line about it, and the parameters the panel shows for it. */
    record TemplateForm(String name, String description, Set<Parameter> shown) {
        public TemplateForm {
            shown = Set.copyOf(shown);
        }
    }

    /**
     * Asks what to save the edited graph as: a name, a description, and which of the offered parameters the panel
     * shows; waits for the answer.
     *
     * @param problem why a name can't be used, or null when it can: Save waits for a usable one
     * @return empty when cancelled
     */
    Optional<TemplateForm> saveTemplate(TemplateForm suggested, List<Parameter> offered,
                                        Function<String, String> problem);

    /**
     * Asks for a new name (Rename); waits for the answer.
     *
     * @param problem why a name can't be used, or null when it can
     * @return empty when cancelled
     */
    Optional<String> askName(String title, String header, String initial, Function<String, String> problem);
}
