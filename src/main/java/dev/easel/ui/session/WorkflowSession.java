package dev.easel.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Template;
import dev.easel.workflow.Workflow;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final ObservableMap<String, Path> inputImages =
            FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<JsonNode> uiGraph = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper editProblem =
            new ReadOnlyStringWrapper();
    private final List<Runnable> flushers = new ArrayList<>();
    private String importedFrom;
    private final ReadOnlyBooleanWrapper fromTemplate = new ReadOnlyBooleanWrapper(true);

    public WorkflowSession(Template start) {
        load(start);
    }

    /** Starts over from a template. */
    public void load(Template t) {
        editProblem.set(null); // starting over drops an unfinished edit
        template.set(Objects.requireNonNull(t));
        importedFrom = null;
        fromTemplate.set(importedFrom == null);
        uiGraph.set(t.uiGraph());
        inputImages.clear();
        replace(t.workflow());
    }

    /**
     * Makes the graph being edited this template's, as it is (the template was just saved from it): nothing is
     * reloaded, so no edit is lost.
     */
    public void adopt(Template t) {
        template.set(Objects.requireNonNull(t));
        importedFrom = null;
        fromTemplate.set(importedFrom == null);
        if (t.uiGraph() != null) {
            uiGraph.set(t.uiGraph());
        }
    }

    /** The graph being edited is no template's any more (its template was deleted): it stays as it is. */
    public void detach() {
        importedFrom = "";
        fromTemplate.set(importedFrom == null);
    }

    /**
     * Takes the graph a picture was made from ("Use these settings", an imported file), with its editor graph when
     * one came with it: that is what saved PNGs then carry as {@code workflow}, not the template's.
     *
     * @param fileName the file or picture it came from, which saved pictures name as their source
     */
    public void replaceImported(Workflow next, JsonNode editorGraph, String fileName) {
        editProblem.set(null);
        importedFrom = fileName == null ? "" : fileName; // the template chosen before is not where it came from
        fromTemplate.set(importedFrom == null);
        uiGraph.set(editorGraph);
        replace(next);
    }

    /** Whether the graph is the chosen template's (edited or not), rather than one imported from a file or picture. */
    public boolean fromTemplate() {
        return importedFrom == null;
    }

    /** {@link #fromTemplate()}, to follow. */
    public ReadOnlyBooleanProperty fromTemplateProperty() {
        return fromTemplate.getReadOnlyProperty();
    }

    /** The name of the file or picture the graph was imported from, "" when not known, null when from a template. */
    public String importedFrom() {
        return importedFrom;
    }

    /** The editor graph of what is edited (the template's, or the imported one's), or null when unknown. */
    public JsonNode uiGraph() {
        return uiGraph.get();
    }

    /**
     * Why the edit in a panel can't be used yet (the JSON panel holds text that is not valid), or null. While it is
     * set, Generate sends nothing and the edit stays where it is.
     */
    public ReadOnlyStringProperty editProblemProperty() {
        return editProblem.getReadOnlyProperty();
    }

    /** Set by the panel that holds an edit which can't be applied; null once it is applied or dropped. */
    public void setEditProblem(String problem) {
        editProblem.set(problem);
    }

    /** Registers what applies a panel's pending edit at once (typing not yet paused). */
    public void addEditFlusher(Runnable flush) {
        flushers.add(flush);
    }

    /** Applies every pending edit now: Generate calls this first, so what is sent is what is on screen. */
    public void flushEdits() {
        flushers.forEach(Runnable::run);
    }

    /** The graph with the edits typed a moment ago in (what Generate or a sweep sends). */
    public Workflow editedWorkflow() {
        flushEdits();
        return getWorkflow();
    }

    /** The picture chosen for each LoadImage node (by node id); sent in {@code input.images} with each job. */
    public ObservableMap<String, Path> inputImages() {
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
