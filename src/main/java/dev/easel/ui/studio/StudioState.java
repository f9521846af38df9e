package dev.easel.ui.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Template;
import dev.easel.workflow.Workflow;

import java.nio.file.Path;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the user set in the studio (the graph with its prompts and parameters, the chosen input pictures, the seed
 * mode, the batch count), carried over when the studio is rebuilt for another endpoint: switching endpoint keeps
 * all of it.
 */
public record StudioState(Template template, String importedFrom, Workflow workflow, JsonNode uiGraph,
                          Map<String, Path> inputImages, ParamsViewModel.SeedMode seedMode, int batchCount,
                          boolean firstJob) {

    public StudioState {
        inputImages = Map.copyOf(inputImages);
    }

    public static StudioState capture(WorkflowSession session, ParamsViewModel params) {
        return new StudioState(session.templateProperty().get(), session.importedFrom(), session.getWorkflow(),
                session.uiGraph(),
                session.inputImages(), params.seedModeProperty().get(), params.batchCountProperty().get(), false);
    }

    /**
     * The studio on a new endpoint: its template as bundled, one job, sent once the studio is up (the endpoint's
     * first job, which tells whether it works: an ordinary job, journaled and saved like any other).
     */
    public StudioState withFirstJob(Template t) {
        return new StudioState(t, null, t.workflow(), t.uiGraph(), Map.of(), seedMode, 1, true);
    }

    /** A session holding this state. */
    public WorkflowSession session() {
        WorkflowSession s = new WorkflowSession(template);
        if (importedFrom == null) {
            s.replace(workflow); // the template, as the user edited it
        } else {
            s.replaceImported(workflow, uiGraph, importedFrom);
        }
        s.inputImages().putAll(inputImages);
        return s;
    }

    /** The parameter panel over {@code session} in this state's seed mode and batch count; the seed is kept. */
    public ParamsViewModel params(WorkflowSession session, RandomGenerator random) {
        ParamsViewModel p = new ParamsViewModel(session, random, seedMode);
        p.batchCountProperty().set(batchCount);
        return p;
    }
}
