package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.text.Text;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.Sweep;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a graph and the written axes of a sweep ({@code steps=10,20}) into the sweep to send: one job per cell, each
 * cell's {@code {a|b}} and {@code __wildcards__} expanded for its own seed, all before any is sent (a mistake sends
 * none). Used by the studio's sweep dialog and by {@code easel generate --sweep}.
 */
public final class SweepPlanner {

    /** Makes the job of one cell's graph: the images to upload, the template, the priority are the caller's. */
    @FunctionalInterface
    public interface CellSpec {
        JobSpec of(Workflow cell) throws WorkflowException;
    }

    /** The longest part of the prompt a sweep's title quotes. */
    private static final int TITLE_PROMPT = 60;

    private SweepPlanner() {
    }

    /** The axes read from their written forms, in order X, Y, Z. */
    public static List<Sweep.Axis> axes(Workflow base, Bindings b, List<String> written) throws WorkflowException {
        List<Sweep.Axis> axes = new ArrayList<>();
        for (String w : written) {
            axes.add(Sweep.parse(w, base, b));
        }
        if (axes.size() > Sweep.MAX_AXES) {
            throw new WorkflowException(Text.of("workflow.sweep.tooManyAxes", Sweep.MAX_AXES));
        }
        return axes;
    }

    /** How many cells the written axes make, without building them. */
    public static int count(Workflow base, Bindings b, List<String> written) throws WorkflowException {
        long n = 1;
        for (Sweep.Axis a : axes(base, b, written)) {
            n *= a.values().size();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * The sweep of {@code written} axes over {@code base}.
     *
     * @param earlier a cell's sent graph (compact JSON) → the job an earlier sweep has for it: such a cell is not sent
     *                again (extending a sweep); empty for none
     */
    public static Sweeps.Draft draft(Workflow base, Bindings b, List<String> written, DynamicPrompt.Lists lists,
                                     CellSpec spec, Map<String, Long> earlier) throws WorkflowException {
        List<Sweep.Axis> axes = axes(base, b, written);
        List<Sweep.Cell> cells = Sweep.cells(base, b, axes);
        List<JobSpec> specs = new ArrayList<>();
        Map<Integer, Long> reuse = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Workflow wf = DynamicPrompt.expandIn(cells.get(i).workflow(), b, lists,
                    ThreadLocalRandom.current().nextLong());
            Long done = earlier.get(WorkflowJson.compact(wf.toJson()));
            if (done != null) {
                reuse.put(i, done);
                specs.add(null);
            } else {
                specs.add(spec.of(wf));
            }
        }
        List<SweepRun.Axis> named = axes.stream().map(a -> new SweepRun.Axis(a.name(), a.labels())).toList();
        return new Sweeps.Draft(title(axes, base, b), named, written, base.toJson(), specs, reuse);
    }

    /** "steps × cfg: a fox in the snow". */
    static String title(List<Sweep.Axis> axes, Workflow base, Bindings b) {
        String names = String.join(" \u00d7 ", axes.stream().map(Sweep.Axis::name).toList());
        String prompt = b.value(base, Parameter.PROMPT).map(JsonNode::asText).orElse("").strip()
                .replaceAll("\\s+", " ");
        if (prompt.length() > TITLE_PROMPT) {
            prompt = prompt.substring(0, TITLE_PROMPT - 1) + "\u2026";
        }
        return prompt.isEmpty() ? names : names + ": " + prompt;
    }
}
