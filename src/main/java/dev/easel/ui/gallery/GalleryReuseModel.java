package dev.easel.ui.gallery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.io.Futures;
import dev.easel.library.Artwork;
import dev.easel.library.FileImport;
import dev.easel.library.ImageSettings;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A picture's settings back in the studio ("Use these settings", "Retry with new seed"), and files dropped on the
 * window or opened with it, routed by what they are ({@link FileImport}).
 */
public final class GalleryReuseModel {

    private Consumer<Artwork> openGrid = a -> { };

    private final GalleryViewModel gallery;
    private final FileImport fileImport;
    private final WorkflowSession session;
    private final Executor io;
    private final Executor fx;
    private Consumer<Boolean> settingsUsed = seeded -> { };
    private Runnable retryAction = () -> { };
    private BooleanSupplier imageTemplate = () -> false;

    GalleryReuseModel(GalleryViewModel gallery, FileImport fileImport, WorkflowSession session, Executor io,
                      Executor fx) {
        this.gallery = gallery;
        this.fileImport = fileImport;
        this.session = session;
        this.io = io;
        this.fx = fx;
    }

    /**
     * Files dropped on the window or opened: a saved {@code /status} answer goes into the library; a workflow
     * (JSON or an image's metadata) loads into the editor; an image with A1111 parameters sets them on the editor's
     * graph.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> importFiles(List<Path> files) {
        if (files.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        gallery.setBusy(true);
        return CompletableFuture.supplyAsync(() -> files.stream().map(fileImport::read).toList(), io)
                .thenAcceptAsync(results -> {
                    gallery.setBusy(false);
                    List<String> said = new ArrayList<>();
                    boolean added = false;
                    for (FileImport.Result r : results) {
                        switch (r) {
                            case FileImport.AddedToLibrary a -> added |= a.added() > 0;
                            case FileImport.Settings(String name, ImageSettings.Graph g) ->
                                    session.replaceImported(g.imported().workflow(), g.imported().uiGraph(), name);
                            case FileImport.Settings(String name, ImageSettings.Values v) -> apply(v.values());
                            case FileImport.Refused refused -> { }
                        }
                        said.add(said(r));
                    }
                    gallery.say(String.join(" ", said));
                    if (added) {
                        gallery.refresh();
                    }
                }, fx).exceptionallyAsync(e -> {
                    gallery.setBusy(false); // never busy forever
                    gallery.say(Messages.get("gallery.filesUnreadable", Messages.of(Futures.unwrap(e))));
                    return null;
                }, fx);
    }

    /** What to tell the user about one file imported. */
    static String said(FileImport.Result r) {
        return switch (r) {
            case FileImport.AddedToLibrary a -> {
                String text = a.added() == 0 ? Messages.get("import.alreadyThere", a.name())
                        : Messages.get("import.added", GalleryViewModel.count(a.added()), a.name());
                yield a.notes().isEmpty() ? text : text + " " + Messages.get(Text.joined(a.notes()));
            }
            case FileImport.Settings(String name, ImageSettings.Graph g) -> Messages.get("import.workflow", name);
            case FileImport.Settings(String name, ImageSettings.Values v) -> Messages.get("import.values", name);
            case FileImport.Refused(String name, Text cause) -> cause != null ? Messages.get(cause)
                    : Messages.get("import.damaged", name);
        };
    }

    /** Sets A1111 values on the graph in the editor, for the parameters it binds. */
    private void apply(Map<Parameter, Object> values) {
        var bindings = session.bindingsProperty().get();
        values.forEach((p, v) -> {
            if (bindings != null && bindings.has(p)) {
                session.set(p, v instanceof Long l ? JsonNodeFactory.instance.numberNode(l)
                        : v instanceof Integer i ? JsonNodeFactory.instance.numberNode(i)
                        : v instanceof Number n ? JsonNodeFactory.instance.numberNode(n.doubleValue())
                        : JsonNodeFactory.instance.textNode(v.toString()));
            }
        });
    }

    /** Loads a result's workflow (from its PNG metadata) back into the editor. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> useSettings(Artwork a) {
        if (a == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ImageSettings.read(a.file());
            } catch (WorkflowException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(s -> {
            boolean seeded;
            if (s instanceof ImageSettings.Graph g) {
                session.replaceImported(g.imported().workflow(), g.imported().uiGraph(),
                        String.valueOf(a.file().getFileName()));
                seeded = session.bindingsProperty().get().has(Parameter.SEED);
            } else if (s instanceof ImageSettings.Values v) {
                apply(v.values());
                seeded = v.values().containsKey(Parameter.SEED) && session.bindingsProperty().get().has(Parameter.SEED);
            } else {
                seeded = false;
            }
            settingsUsed.accept(seeded);
            String name = String.valueOf(a.file().getFileName());
            gallery.say(seeded ? Messages.get("gallery.settingsLoaded.seeded", name)
                    : Messages.get("gallery.settingsLoaded", name));
        }, fx).exceptionallyAsync(e -> {
            gallery.say(Messages.get("gallery.settingsUnreadable", Messages.of(Futures.unwrap(e))));
            throw new CompletionException(Futures.unwrap(e));
        }, fx);
    }

    /**
     * Loads the result's settings, then generates again with a new seed; a graph without a seed is not sent (it
     * would make the same picture again) and the message says so.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> retryWithNewSeed(Artwork a) {
        return useSettings(a).thenRunAsync(() -> {
            if (!session.bindingsProperty().get().has(Parameter.SEED)) {
                gallery.say(Messages.get("gallery.noSeed"));
                return;
            }
            retryAction.run();
        }, fx).exceptionally(e -> null);
    }

    /**
     * "Use as input image": the picture goes to the current graph's first Load Image node; a graph without one is
     * first swapped for an image-to-image template. Said in the gallery's message either way.
     */
    public void useAsInput(Artwork a) {
        if (a == null) {
            return;
        }
        String name = String.valueOf(a.file().getFileName());
        if (loadImageNode().isEmpty() && !imageTemplate.getAsBoolean()) {
            gallery.say(Messages.get("gallery.input.noTemplate"));
            return;
        }
        var node = loadImageNode();
        if (node.isEmpty()) {
            gallery.say(Messages.get("gallery.input.noTemplate"));
            return;
        }
        session.inputImages().put(node.get(), a.file());
        gallery.say(Messages.get("gallery.input.used", name, session.templateProperty().get().name()));
    }

    private Optional<String> loadImageNode() {
        var b = session.bindingsProperty().get();
        return b == null || b.loadImages().isEmpty() ? Optional.empty() : Optional.of(b.loadImages().getFirst().nodeId());
    }

    /** Switches the studio to an image-to-image template; false when there is none. */
    public void setImageTemplateAction(BooleanSupplier action) {
        this.imageTemplate = action;
    }

    /**
     * Told after "Use these settings" whether the settings set a seed; the studio then fixes the seed so that
     * Generate makes the same picture.
     */
    public void setOnSettingsUsed(Consumer<Boolean> hook) {
        this.settingsUsed = hook;
    }

    /** What "Retry with new seed" does once the image's settings are loaded: a new seed and Generate. */
    public void setRetryAction(Runnable action) {
        this.retryAction = action;
    }

    // ---------------------------------------------------------------- query

    /** What "Open as grid" does with a sweep's grid picture (the window opens the sweep's grid); nothing until set. */
    public void setOpenGridAction(Consumer<Artwork> action) {
        this.openGrid = action;
    }

    public void openGrid(Artwork a) {
        if (a != null) {
            openGrid.accept(a);
        }
    }
}
