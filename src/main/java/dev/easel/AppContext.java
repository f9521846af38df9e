package dev.easel;

import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.settings.AppFolders;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.ui.fx.FxExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The composition root: the one place that creates services and executors, and closes them on exit. */
public final class AppContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final FxExecutor fx = new FxExecutor();
    private final ResourceBundle text = ResourceBundle.getBundle("dev.easel.messages");
    private final CompletableFuture<DemoEndpoint> demo;
    private final AppFolders folders = AppFolders.platform();
    private final CompletableFuture<TemplateLibrary> templates;

    public AppContext() {
        // Off the FX thread: binding a port and starting workers is I/O.
        demo = CompletableFuture.supplyAsync(() -> {
            try {
                return DemoEndpoint.start(DemoConfig.defaults());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, io);
        // reading the bundled templates is disk I/O too
        templates = CompletableFuture.supplyAsync(() -> new TemplateLibrary(folders.templates()), io);
    }

    /** Bundled and user templates, once loaded. */
    public CompletableFuture<TemplateLibrary> templates() {
        return templates;
    }

    public AppFolders folders() {
        return folders;
    }

    /** Completes with the embedded demo endpoint's base URL. */
    public CompletableFuture<URI> demoBaseUrl() {
        return demo.thenApply(DemoEndpoint::baseUrl);
    }

    public FxExecutor fxExecutor() {
        return fx;
    }

    public ResourceBundle text() {
        return text;
    }

    @Override
    public void close() {
        demo.thenAccept(DemoEndpoint::close).exceptionally(e -> {
            log.debug("demo endpoint had not started", e);
            return null;
        });
        io.shutdownNow();
    }
}
