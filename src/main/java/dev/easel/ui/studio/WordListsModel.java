package dev.easel.ui.studio;

import dev.easel.io.Futures;
import dev.easel.text.Messages;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.WordLists;
import dev.easel.workflow.WorkflowException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The word lists of {@code __name__} wildcards, managed in the studio: the lists there are, the chosen one's text to
 * edit and save, a new list (named as the prompt names it), delete; which lists the prompt uses and which of those
 * are missing. Files are read and written off the FX thread.
 */
public final class WordListsModel {

    private final WordLists lists;
    private final Supplier<String> prompt;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper used = new ReadOnlyStringWrapper("");
    private String saved = "";

    WordListsModel(WordLists lists, Supplier<String> prompt, Executor io, Executor fx) {
        this.lists = lists;
        this.prompt = prompt;
        this.io = io;
        this.fx = fx;
        text.addListener((o, was, now) -> dirty.set(selected.get() != null && !saved.equals(now)));
    }

    /** Reads the lists there are, and says which the prompt uses. */
    public CompletableFuture<Void> refresh() {
        return call(lists::names).thenAccept(found -> {
            names.setAll(found);
            sayUsed(found);
        });
    }

    private void sayUsed(List<String> found) {
        List<String> inPrompt;
        try {
            inPrompt = DynamicPrompt.parse(prompt.get()).wildcards();
        } catch (WorkflowException e) {
            inPrompt = List.of(); // the prompt's own mistake is said under it
        }
        List<String> missing = new ArrayList<>(inPrompt);
        missing.removeAll(found);
        used.set(inPrompt.isEmpty() ? Messages.get("wordlists.usesNone")
                : missing.isEmpty() ? Messages.get("wordlists.uses", String.join(", ", inPrompt))
                : Messages.get("wordlists.missing", String.join(", ", inPrompt), String.join(", ", missing)));
    }

    /** Opens a list to edit; what was typed in the one open before is saved first, so nothing typed is lost. */
    public CompletableFuture<Void> open(String name) {
        if (name == null) {
            return CompletableFuture.completedFuture(null);
        }
        return saveIfChanged().thenCompose(ok -> call(() -> lists.text(name))).thenAccept(t -> {
            selected.set(name);
            saved = t;
            text.set(t);
            dirty.set(false);
            message.set(null);
        });
    }

    /** Saves the open list when it has changes (switching lists, closing the window). */
    public CompletableFuture<Void> saveIfChanged() {
        return dirty.get() ? save() : CompletableFuture.completedFuture(null);
    }

    public CompletableFuture<Void> save() {
        String name = selected.get();
        String now = text.get();
        if (name == null) {
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> {
            lists.save(name, now);
            return null;
        }).thenAccept(ok -> {
            saved = now;
            dirty.set(!saved.equals(text.get()));
            message.set(Messages.get("wordlists.saved", name));
        });
    }

    /** Makes a new list named {@code name} ("animals", "styles/painters") and opens it; an existing one is opened. */
    public CompletableFuture<Void> create(String name) {
        String n = name == null ? "" : name.strip().replaceAll("^_+|_+$", ""); // "__animals__" as the prompt writes it
        if (!WordLists.validName(n)) {
            message.set(Messages.get("workflow.wordlist.badName", n));
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> {
            if (!lists.names().contains(n)) {
                lists.save(n, Messages.get("wordlists.newText"));
            }
            return null;
        }).thenCompose(ok -> refresh()).thenCompose(ok -> open(n));
    }

    /** Deletes the open list. */
    public CompletableFuture<Void> delete() {
        String name = selected.get();
        if (name == null) {
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> {
            lists.delete(name);
            return null;
        }).thenCompose(ok -> {
            selected.set(null);
            saved = "";
            text.set("");
            dirty.set(false);
            message.set(Messages.get("wordlists.deleted", name));
            return refresh();
        });
    }

    /** Runs {@code work} off the FX thread; continues on it; a failure is said in the message. */
    private <T> CompletableFuture<T> call(Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((v, e) -> {
            if (e != null) {
                message.set(Messages.get("wordlists.failed", Messages.of(Futures.unwrap(e))));
            }
        }, fx);
    }

    public Path folder() {
        return lists.folder();
    }

    public ObservableList<String> names() {
        return names;
    }

    /** The list open for editing, or null. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Whether the open list has changes not saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "The prompt uses animal, colour; missing: colour." */
    public ReadOnlyStringProperty usedProperty() {
        return used.getReadOnlyProperty();
    }
}
