package dev.easel.ui.start;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class StartViewModelTest {

    private final ResourceBundle text = ResourceBundle.getBundle("dev.easel.messages");

    @Test
    void startingThenRunningWithACurlCommandForTheDemo() {
        var start = new CompletableFuture<URI>();
        var vm = new StartViewModel(start, Runnable::run, text);
        assertThat(vm.demoStatusProperty().get()).contains("Starting");
        assertThat(vm.demoRunningProperty().get()).isFalse();

        start.complete(URI.create("http://127.0.0.1:4567/v2"));
        assertThat(vm.demoRunningProperty().get()).isTrue();
        assertThat(vm.demoStatusProperty().get()).contains("http://127.0.0.1:4567/v2");
        assertThat(vm.curlCommandProperty().get())
                .isEqualTo("curl -X POST http://127.0.0.1:4567/v2/demo/run -H 'Content-Type: application/json' "
                        + "-H 'Authorization: Bearer demo' -d @comfyui_workflow.json");
    }

    @Test
    void aFailureIsSaidPlainly() {
        var start = new CompletableFuture<URI>();
        var vm = new StartViewModel(start, Runnable::run, text);
        start.completeExceptionally(new java.io.IOException("Port 8000 on 127.0.0.1 is already in use"));
        assertThat(vm.demoFailedProperty().get()).isTrue();
        assertThat(vm.demoRunningProperty().get()).isFalse();
        assertThat(vm.demoStatusProperty().get()).contains("could not start").contains("already in use");
    }
}
