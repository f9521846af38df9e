package dev.easel.ui.start;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.net.URI;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** State of the start window: whether the embedded demo endpoint runs, and the curl command to try it. */
public final class StartViewModel {

    private final ReadOnlyStringWrapper demoStatus = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper curlCommand = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper demoRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper demoFailed = new ReadOnlyBooleanWrapper(false);
    private final ResourceBundle text;

    /**
     * @param demoStart completes with the demo endpoint's base URL once it listens
     * @param fx        runs the updates on the FX thread
     */
    public StartViewModel(CompletionStage<URI> demoStart, Executor fx, ResourceBundle text) {
        this.text = text;
        demoStatus.set(text.getString("start.demo.starting"));
        demoStart.whenCompleteAsync((url, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                demoFailed.set(true);
                demoStatus.set(text.getString("start.demo.failed") + " " + cause.getMessage());
            } else {
                demoRunning.set(true);
                demoStatus.set(String.format(text.getString("start.demo.running"), url));
                curlCommand.set("curl -X POST " + url + "/demo/run -H 'Content-Type: application/json' "
                        + "-H 'Authorization: Bearer demo' -d @comfyui_workflow.json");
            }
        }, fx);
    }

    public ReadOnlyStringProperty demoStatusProperty() {
        return demoStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty curlCommandProperty() {
        return curlCommand.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoRunningProperty() {
        return demoRunning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoFailedProperty() {
        return demoFailed.getReadOnlyProperty();
    }

    public String text(String key) {
        return text.getString(key);
    }
}
