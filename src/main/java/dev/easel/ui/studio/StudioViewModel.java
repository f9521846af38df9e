package dev.easel.ui.studio;

import dev.easel.io.Futures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Labels;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.ui.sweep.SweepModel;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.ModelFiles;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.Problem;
import dev.easel.workflow.PromptSyntax;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.Template;
import dev.easel.workflow.WordLists;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowValidator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The studio's main state: the template, the prompts, and Generate, which turns the session's workflow into
 * journaled jobs (a batch count of N makes N jobs, each with its seed).
 */
public final class StudioViewModel {

    private static final int RECENT = 20;

    private final WorkflowSession session;
    private final ParamsViewModel params;
    private final JobQueue queue;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<Template> templates = FXCollections.observableArrayList();
    private final ObjectProperty<Template> template = new SimpleObjectProperty<>();
    private final ObjectProperty<List<String>> endpointModels = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty negativePrompt = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper canGenerate = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper loraNote = new ReadOnlyStringWrapper();
    private final ObservableList<String> recentPrompts = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasNegative = new ReadOnlyBooleanWrapper();
    private boolean loading;
    private Consumer<List<String>> recentSaver = r -> { };
    private int confirmOver;
    private volatile DynamicPrompt.Lists wordLists = DynamicPrompt.NO_LISTS;
    private Function<String, CompletableFuture<Boolean>> confirm =
            q -> CompletableFuture.completedFuture(true);

    public StudioViewModel(WorkflowSession session, ParamsViewModel params, JobQueue queue, List<Template> all,
                           List<String> recent, Executor io, Executor fx) {
        this.session = session;
        this.params = params;
        this.queue = queue;
        this.io = io;
        this.fx = fx;
        templates.setAll(all);
        recentPrompts.setAll(recent);
        template.set(session.templateProperty().get());
        template.addListener((o, was, now) -> {
            if (now != null && now != session.templateProperty().get()) {
                session.load(now);
            }
        });
        session.workflowProperty().addListener((o, was, now) -> load());
        load();
        prompt.addListener((o, was, now) -> {
            push(Parameter.PROMPT, now);
            noteLoras();
        });
        negativePrompt.addListener((o, was, now) -> push(Parameter.NEGATIVE_PROMPT, now));
    }

    private void push(Parameter p, String text) {
        if (!loading && text != null) {
            session.set(p, JsonNodeFactory.instance.textNode(text));
        }
    }

    private void load() {
        loading = true;
        try {
            // a graph without a prompt (or negative) clears the field: the last graph's text doesn't linger
            prompt.set(session.value(Parameter.PROMPT).map(JsonNode::asText).orElse(""));
            hasNegative.set(session.bindingsProperty().get().has(Parameter.NEGATIVE_PROMPT));
            negativePrompt.set(session.value(Parameter.NEGATIVE_PROMPT).map(JsonNode::asText).orElse(""));
            List<Problem> errors = WorkflowValidator.validate(session.getWorkflow().toJson()).stream()
                    .filter(Problem::isError).toList();
            canGenerate.set(errors.isEmpty());
            noteLoras();
            problem.set(errors.isEmpty() ? null : Messages.get(errors.getFirst().text())
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more: see the JSON panel)" : ""));
        } finally {
            loading = false;
        }
    }

    /**
     * Queues {@code batchCount} jobs from the current workflow. The seed of each follows the seed mode and is
     * written into the workflow first, so what is sent is what the panels show.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> generate() {
        int count = Math.max(1, params.batchCountProperty().get());
        if (confirmOver > 0 && count > confirmOver) {
            return confirm.apply(confirmation(count)).thenComposeAsync(yes -> yes ? send()
                    : CompletableFuture.completedFuture(null), fx);
        }
        return send();
    }

    /** What Generate asks before sending {@code count} jobs: how many, and what they would cost. */
    String confirmation(int count) {
        var spending = queue.spending();
        var cost = spending.estimate(count);
        var typical = spending.typicalExecution();
        var guess = spending.firstGuess(count);
        String ask = Messages.get("studio.confirm.ask", count, queue.endpointName());
        String said = cost.isPresent()
                ? Messages.get("studio.confirm.cost", String.format(Locale.ROOT, "%.1f", typical.toMillis() / 1000.0),
                        String.format(Locale.ROOT, "%.2f", cost.getAsDouble()))
                : guess.isPresent() ? Messages.get("studio.confirm.guess", String.format(Locale.ROOT, "%.2f",
                        guess.getAsDouble())) : Messages.get("studio.confirm.noCost");
        var passes = spending.wouldPass(cost.isPresent() ? cost.getAsDouble() : guess.orElse(0));
        return ask + " " + said + passes.map(p -> " " + Labels.budgetPassed(p)).orElse("");
    }

    /**
     * How Generate asks before sending more than {@code over} jobs (0: never asks): {@code ask} shows the question
     * and completes with the answer.
     */
    public void setConfirmation(int over, Function<String, CompletableFuture<Boolean>> ask) {
        this.confirmOver = over;
        this.confirm = ask;
    }

    /** Where {@code __name__} wildcards find their word lists (none by default). */
    public void setWordLists(DynamicPrompt.Lists lists) {
        this.wordLists = lists;
    }

    /** Above how many jobs Generate asks first (0: never). */
    public int confirmOver() {
        return confirmOver;
    }

    /** A new threshold from Settings, at once. */
    public void setConfirmOver(int over) {
        this.confirmOver = over;
    }

    private CompletableFuture<Void> send() {
        session.flushEdits(); // an edit typed a moment ago is part of what the user means to send
        String editProblem = session.editProblemProperty().get();
        if (editProblem != null) {
            message.set(Messages.get("studio.editProblem", editProblem));
            return CompletableFuture.completedFuture(null);
        }
        if (!canGenerate.get()) {
            message.set(problem.get());
            return CompletableFuture.completedFuture(null);
        }
        // the seeds are drawn here, so the panel shows them; images are read and the requests built off the FX thread
        List<Workflow> workflows = new ArrayList<>();
        for (int i = 0; i < Math.max(1, params.batchCountProperty().get()); i++) {
            if (session.bindingsProperty().get().has(Parameter.SEED)) {
                params.nextSeed();
            }
            workflows.add(session.getWorkflow());
        }
        Bindings bindings = session.bindingsProperty().get();
        Map<String, Path> chosen = Map.copyOf(session.inputImages());
        for (var b : bindings.loadImages()) {
            if (!chosen.containsKey(b.nodeId()) && !demoHasInput(session.getWorkflow(), b.nodeId())) {
                message.set(Messages.get("studio.chooseInput", b.nodeId()));
                return CompletableFuture.completedFuture(null);
            }
        }
        remember(prompt.get());
        return CompletableFuture.runAsync(() -> {
            try {
                Map<String, byte[]> images = read(chosen);
                List<Workflow> sent = new ArrayList<>(); // {a|b} and __wildcards__ expanded for each job's seed,
                for (Workflow wf : workflows) {          // all before any is sent: a mistake sends none
                    sent.add(DynamicPrompt.expandIn(wf, bindings, wordLists, ThreadLocalRandom.current().nextLong()));
                }
                for (Workflow wf : sent) {
                    queue.submit(spec(wf, bindings, images));
                }
            } catch (WorkflowException | IOException | SQLException e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((ok, e) -> message.set(e == null ? null
                : Messages.get("studio.notSent", Messages.of(Futures.unwrap(e)))), fx);
    }

    /**
     * How a sweep's cells become jobs: with the template, the priority and the input images chosen now (read when
     * the sweep is built, off the FX thread).
     */
    public SweepModel.CellJobs cellJobs() {
        Map<String, Path> chosen = Map.copyOf(session.inputImages());
        return b -> {
            Map<String, byte[]> images = read(chosen);
            return wf -> spec(wf, b, images);
        };
    }

    /** The input pictures' bytes, by Load Image node. Reads files: off the FX thread. */
    private static Map<String, byte[]> read(Map<String, Path> chosen) throws IOException {
        Map<String, byte[]> images = new HashMap<>();
        for (var e : chosen.entrySet()) {
            images.put(e.getKey(), Files.readAllBytes(e.getValue()));
        }
        return images;
    }

    /** Where {@code __name__} wildcards find their word lists. */
    public DynamicPrompt.Lists wordLists() {
        return wordLists;
    }

    /** The word-list manager over the lists' folder; empty when the lists are not a folder's (tests). */
    public Optional<WordListsModel> wordListsModel() {
        return wordLists instanceof WordLists w ? Optional.of(new WordListsModel(w, prompt::get, io, fx))
                : Optional.empty();
    }

    /** An image name that needs no upload: the demo worker (like ComfyUI) has its example.png. */
    private static boolean demoHasInput(Workflow wf, String nodeId) {
        return wf.value(nodeId, "image").map(v -> v.asText().equals("example.png")).orElse(false);
    }

    private JobSpec spec(Workflow wf, Bindings b, Map<String, byte[]> images) throws WorkflowException {
        Template t = session.templateProperty().get();
        // an imported graph is no template's: its pictures must not say they came from the one chosen before
        String from = session.importedFrom();
        return JobSpec.of(wf, b, images, session.uiGraph(), t == null || from != null ? null : t.id(),
                from == null || from.isEmpty() ? null : from).withLowPriority(params.lowPriorityProperty().get());
    }

    private void remember(String p) {
        if (p == null || p.isBlank()) {
            return;
        }
        recentPrompts.remove(p);
        recentPrompts.addFirst(p);
        while (recentPrompts.size() > RECENT) {
            recentPrompts.removeLast();
        }
        List<String> copy = List.copyOf(recentPrompts);
        io.execute(() -> recentSaver.accept(copy));
    }

    /** Something the user should know that is not an error of Generate (settings loaded from defaults, say). */
    public void notice(String text) {
        message.set(text);
    }

    /** Where recent prompts are kept between runs; called off the FX thread. */
    public void setRecentSaver(Consumer<List<String>> saver) {
        this.recentSaver = saver;
    }

    public ObservableList<Template> templates() {
        return templates;
    }

    /** The checkpoints the endpoint is known to have (its profile's, from Settings or its last failure), or none. */
    public ObjectProperty<List<String>> endpointModelsProperty() {
        return endpointModels;
    }

    /**
     * What the template chooser says of a template beside its name: "on this endpoint" when the endpoint has every
     * checkpoint it loads, "needs X" when it lacks one, nothing when it can't tell (no list, or no checkpoint).
     */
    public String modelNote(Template t) {
        String missing = ModelFiles.missingCheckpoint(t.workflow(), endpointModels.get());
        return missing == null ? "" : missing.isEmpty() ? "on this endpoint" : "needs " + missing;
    }

    /**
     * Switches to the template "Use as input image" needs when the graph has no Load Image node: the image-to-image
     * one of the current template's family (FLUX.1-dev fp8 → its img2img), else the first that takes an image.
     *
     * @return false when no template takes an image
     */
    public boolean switchToImageTemplate() {
        String family = template.get() == null ? "" : template.get().id();
        var found = templates.stream().filter(t -> t.workflow().nodes().stream()
                        .anyMatch(n -> "LoadImage".equals(n.classType())))
                .min(Comparator.comparing((Template t) -> !t.id().startsWith(family)));
        found.ifPresent(template::set); // loads it into the session at once
        return found.isPresent();
    }

    /** The theme the View menu shows and sets (the window binds it to the one that restyles it). */
    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    public ObjectProperty<Template> templateProperty() {
        return template;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty negativePromptProperty() {
        return negativePrompt;
    }

    public ReadOnlyBooleanProperty hasNegativeProperty() {
        return hasNegative.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGenerateProperty() {
        return canGenerate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What to say of the prompt's {@code <lora:…>} tags when the graph has no node to load them; else null. */
    public ReadOnlyStringProperty loraNoteProperty() {
        return loraNote.getReadOnlyProperty();
    }

    private void noteLoras() {
        loraNote.set(Messages.get(PromptSyntax.loraNote(prompt.get(), session.getWorkflow())));
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<String> recentPrompts() {
        return recentPrompts;
    }

    public ParamsViewModel params() {
        return params;
    }
}
