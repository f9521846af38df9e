package dev.easel.ui.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Messages;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.JsonLocator;
import dev.easel.workflow.Problem;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowFormat;
import dev.easel.workflow.WorkflowJson;
import dev.easel.workflow.WorkflowValidator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The raw JSON panel: shows the exact request body of the session's workflow and takes hand edits back.
 * Valid JSON updates the session (and so the parameter panel); invalid JSON stays in the editor with its
 * problems at line:column and reaches nothing else.
 */
public final class JsonPanelViewModel {

    /** A problem at a place in the text (line and column 1-based; 0 when not tied to a place). */
    public record TextProblem(int line, int column, long offset, boolean error, String message) {
        public String label() {
            return line > 0 ? Messages.get("json.problemAt", String.valueOf(line), String.valueOf(column), message) : message;
        }
    }

    /** Where "Copy as curl" points: the endpoint's base URL and id. */
    public record Target(String baseUrl, String endpointId) { }

    private final WorkflowSession session;
    private final Supplier<Target> target;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ObservableList<TextProblem> problems = FXCollections.observableArrayList();
    private boolean applyingEdit;
    private Supplier<String> onScreenText = () -> null;
    /** The text last shown from the session. */
    private String shown = "";

    public JsonPanelViewModel(WorkflowSession session, Supplier<Target> target) {
        this.session = session;
        this.target = target;
        session.workflowProperty().addListener((o, was, now) -> {
            // an edit that is not valid yet stays on screen: a change made elsewhere never throws it away
            if (!applyingEdit && session.editProblemProperty().get() == null) {
                show(now);
            }
        });
        session.addEditFlusher(() -> {
            String onScreen = onScreenText.get();
            if (onScreen != null && !onScreen.equals(text.get())) {
                edited(onScreen);
            }
        });
        session.editProblemProperty().addListener((o, was, now) -> {
            if (was != null && now == null && !applyingEdit && !text.get().equals(shown)) {
                show(session.getWorkflow()); // the session started over (a template): show what it holds now
            }
        });
        session.inputImages().addListener((MapChangeListener<String, Path>) c ->
                show(session.getWorkflow()));
        show(session.getWorkflow());
    }

    private void show(Workflow wf) {
        ObjectNode input = RunRequest.input(wf, Map.of(), "preview");
        if (!session.inputImages().isEmpty()) {
            // the chosen pictures travel under a name made for each job; their data is read only when sent
            var images = input.putArray("images");
            session.inputImages().forEach((node, file) -> {
                String name = "easel_<job>_" + node + ".png";
                ((ObjectNode) input.get("workflow").get(node).get("inputs")).put("image", name);
                images.addObject().put("name", name).put("image", "<" + file.getFileName() + ", read when sent>");
            });
        }
        String body = WorkflowJson.pretty(RunRequest.body(input));
        shown = body;
        text.set(body);
        check(body, WorkflowJson.MAPPER.createObjectNode().set("input",
                WorkflowJson.MAPPER.createObjectNode().set("workflow", wf.toJson())));
    }

    /** Where the view's current text is read when an edit must be applied before the typing pause (Generate). */
    public void setOnScreenText(Supplier<String> current) {
        this.onScreenText = current;
    }

    /** The user changed the text (called after a short pause in typing). */
    public void edited(String newText) {
        text.set(newText);
        JsonNode json;
        try {
            json = WorkflowJson.parse(newText);
        } catch (WorkflowException e) {
            problems.setAll(new TextProblem(e.line(), e.column(), -1, true, Messages.of(e)));
            setStatus(false, Messages.get("json.notValidJsonThe"));
            session.setEditProblem(e.line() > 0
                    ? Messages.get("json.notValid.problemAt", e.line(), e.column())
                    : Messages.get("json.notValid.problem"));
            return;
        }
        JsonNode graph = switch (WorkflowFormat.detect(json)) {
            case REQUEST -> json.path("input").path("workflow");
            case API -> json;
            default -> null;
        };
        if (graph == null) {
            problems.setAll(new TextProblem(1, 1, 0, true, Messages.get("json.keepShape")));
            setStatus(false, Messages.get("json.notARequestBody"));
            session.setEditProblem(Messages.get("json.notABody.problem"));
            return;
        }
        check(newText, json);
        applyingEdit = true;
        try {
            session.setEditProblem(null);
            // the per-job image names shown in the body are not part of the user's workflow: keep its own
            Workflow edited = Workflow.of((ObjectNode) graph);
            for (String node : session.inputImages().keySet()) {
                var original = session.getWorkflow().value(node, "image");
                if (original.isPresent() && edited.value(node, "image").map(v -> v.asText().startsWith("easel_<job>_"))
                        .orElse(false)) {
                    edited = edited.edit(e -> e.set(node, "image", original.get()));
                }
            }
            session.replace(edited);
        } finally {
            applyingEdit = false;
        }
    }

    /** Validates the graph and places each problem at its node or input in the text. */
    private void check(String currentText, JsonNode json) {
        boolean body = WorkflowFormat.detect(json) == WorkflowFormat.REQUEST;
        JsonNode graph = body ? json.path("input").path("workflow") : json;
        List<Problem> found = WorkflowValidator.validate(graph);
        Map<String, JsonLocator.Position> keys = found.isEmpty() ? Map.of() : JsonLocator.keys(currentText);
        String prefix = body ? "/input/workflow/" : "/";
        problems.setAll(found.stream().map(p -> {
            JsonLocator.Position at = null;
            if (p.nodeId() != null) {
                String node = prefix + p.nodeId().replace("~", "~0").replace("/", "~1");
                at = p.input() == null ? keys.get(node) : keys.getOrDefault(node + "/inputs/" + p.input(), keys.get(node));
            }
            return at == null ? new TextProblem(0, 0, -1, p.isError(), Messages.get(p.text()))
                    : new TextProblem(at.line(), at.column(), at.offset(), p.isError(), Messages.get(p.text()));
        }).toList());
        boolean ok = found.stream().noneMatch(Problem::isError);
        int nodes = graph.size();
        setStatus(ok, ok ? (found.isEmpty() ? Messages.get("json.valid", nodes) : Messages.get("json.valid.warnings", nodes))
                : Messages.get("json.theWorkflowHasProblems"));
    }

    private void setStatus(boolean ok, String message) {
        valid.set(ok);
        status.set(message);
    }

    /** Re-indents the text when it is valid JSON; returns false (and changes nothing) otherwise. */
    public boolean format() {
        try {
            JsonNode json = WorkflowJson.parse(text.get());
            String pretty = WorkflowJson.pretty(json);
            if (!pretty.equals(text.get())) {
                edited(pretty);
            }
            return true;
        } catch (WorkflowException e) {
            return false;
        }
    }

    /** The tutorial's curl command for the current workflow, with the key left as {@code $RUNPOD_API_KEY}. */
    public String curlCommand() {
        Target t = target.get();
        return RunRequest.curl(t.baseUrl(), t.endpointId(), RunRequest.input(session.getWorkflow(), Map.of(), "curl"));
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ObservableList<TextProblem> problems() {
        return problems;
    }
}
