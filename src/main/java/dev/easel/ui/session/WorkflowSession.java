package dev.easel.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Template;
import dev.easel.workflow.Workflow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Objects;
import java.util.Optional;

/**
 * The workflow being edited, shared by the parameter panel and the JSON panel: one graph, and the bindings
 * found in it. Every change goes through here, so what is sent is exactly what both panels show.
 */
public final class WorkflowSession {

    private final ReadOnlyObjectWrapper<Workflow> workflow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Bindings> bindings = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Template> template = new ReadOnlyObjectWrapper<>();
    private final javafx.collections.ObservableMap<String, java.nio.file.Path> inputImages =
            javafx.collections.FXCollections.observableHashMap();

    public WorkflowSession(Template start) {
        load(start);
    }

    /** Starts over from a template. */
    public void load(Template t) {
        template.set(Objects.requireNonNull(t));
        inputImages.clear();
        replace(t.workflow());
    }

    /** The picture chosen for each LoadImage node (by node id); sent in {@code input.images} with each job. */
    public javafx.collections.ObservableMap<String, java.nio.file.Path> inputImages() {
        return inputImages;
    }

    /** Takes a whole new graph (the JSON panel after a valid edit, an import). */
    public void replace(Workflow next) {
        if (next.equals(workflow.get())) {
            return;
        }
        bindings.set(ParameterBinder.bind(next));
        workflow.set(next);
    }

    /** Sets one bound parameter (and what follows it); a parameter the graph lacks changes nothing. */
    public void set(Parameter p, JsonNode value) {
        Workflow next = bindings.get().set(workflow.get(), p, value);
        if (!next.equals(workflow.get())) {
            workflow.set(next); // the same nodes and inputs: the bindings still hold
        }
    }

    public Optional<JsonNode> value(Parameter p) {
        return bindings.get().value(workflow.get(), p);
    }

    public ReadOnlyObjectProperty<Workflow> workflowProperty() {
        return workflow.getReadOnlyProperty();
    }

    public Workflow getWorkflow() {
        return workflow.get();
    }

    public ReadOnlyObjectProperty<Bindings> bindingsProperty() {
        return bindings.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Template> templateProperty() {
        return template.getReadOnlyProperty();
    }
}
