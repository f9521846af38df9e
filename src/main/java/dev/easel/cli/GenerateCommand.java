package dev.easel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.easel.api.PlainHttp;
import dev.easel.AppContext;
import dev.easel.demo.DemoConfig;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.SweepPlanner;
import dev.easel.jobs.Sweeps;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.InstanceLock;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.text.Messages;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Problem;
import dev.easel.workflow.Template;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.PromptList;
import dev.easel.workflow.WordLists;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * {@code easel generate}: the studio's job queue and library without a window. The jobs go through the same
 * journal (so they show in the studio's queue history and gallery), one line is printed per job as it ends, and
 * Ctrl+C cancels what it sent.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends a workflow to the endpoint as jobs, waits, and saves every image to the library (and to "
                + "--out). One line per job as it ends: its state, file, cost, or why it failed.",
                "Exit code 0 when every job completed, 2 otherwise. Ctrl+C cancels the jobs it sent."})
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The workflow: API or editor JSON, a request "
            + "body, or a PNG made by ComfyUI or Easel. Without it, --template or the profile's template.")
    Path file;

    @Option(names = "--template", paramLabel = "ID", description = "A template by id (flux1-dev-fp8, …).")
    String template;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt.")
    String prompt;

    @Option(names = "--negative", paramLabel = "TEXT", description = "The negative prompt.")
    String negative;

    @Option(names = "--width", paramLabel = "PX")
    Integer width;

    @Option(names = "--height", paramLabel = "PX")
    Integer height;

    @Option(names = "--steps", paramLabel = "N")
    Integer steps;

    @Option(names = "--cfg", paramLabel = "X")
    BigDecimal cfg;

    @Option(names = "--seed", paramLabel = "N|random|fixed|increment", description = {"A seed to start from, and/or "
            + "how it changes from job to job (may be given twice: --seed 42 --seed increment).",
            "Default: random; a number alone means fixed at that number."})
    List<String> seed = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many jobs (default 1).")
    int count;

    @Option(names = "--endpoint", paramLabel = "NAME", description = "The endpoint profile by name or id (default: "
            + "the one the studio uses).")
    String endpoint;

    @Option(names = "--base-url", paramLabel = "URL", description = "For this run only: the queue API base "
            + "(https://api.runpod.ai/v2); plain http only for this machine. Needs --endpoint-id.")
    URI baseUrl;

    @Option(names = "--endpoint-id", paramLabel = "ID", description = "For this run only: the endpoint id. The key "
            + "comes from RUNPOD_API_KEY.")
    String endpointId;

    @Option(names = "--price", paramLabel = "USD/S", description = "With --base-url: the GPU price per second, for "
            + "the cost shown.")
    Double price;

    @Option(names = "--sweep", paramLabel = "AXIS", description = {"An axis of a sweep (up to three: X, Y, Z), "
            + "one job per cell and a grid picture of them: steps=10,20,30  cfg=1,3.5  sampler=euler,dpmpp_2m  "
            + "size=512x512,768x768  seed=1,2,3  seeds=4  prompt-sr=red,blue  prompts=a fox|an owl"})
    List<String> sweep = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "FILE", description = {"One job per row of a file, as a sweep: a text "
            + "file of a prompt a line, or a CSV file whose header names parameters (prompt, negative_prompt, seed, "
            + "steps, cfg, sampler, …). With --sweep it is the X axis."})
    Path batch;

    @Option(names = "--out", paramLabel = "DIR", description = "Also copy the images into this folder.")
    Path out;

    @Spec
    CommandSpec spec;

    /** Where the services come from; tests give their own folders and demo speed. */
    private final AppFolders folders;
    private final DemoConfig demo;
    private final RandomGenerator random;

    public GenerateCommand() {
        this(AppFolders.platform(), DemoConfig.defaults().withTimeScale(
                Double.parseDouble(System.getProperty("easel.demo.timeScale", "1.0"))), RandomGenerator.getDefault());
    }

    /** @param folders the profile's folders; @param demo the embedded demo's settings, when the profile is the demo */
    GenerateCommand(AppFolders folders, DemoConfig demo, RandomGenerator random) {
        this.folders = folders;
        this.demo = demo;
        this.random = random;
    }

    /** A setup problem: said in one sentence, nothing sent. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            return run(stdout, err);
        } catch (Refused e) {
            err.println(Messages.get("cli.generate.said", e.getMessage()));
            err.flush();
            return 2;
        }
    }

    private int run(PrintWriter stdout, PrintWriter err) throws Refused {
        if (count < 1 || count > 10_000) {
            throw new Refused(Messages.get("cli.generate.count"));
        }
        if (batch != null) {
            try {
                sweep.addFirst(PromptList.rowsSpec(PromptList.rows(batch)));
            } catch (WorkflowException e) {
                throw new Refused(Messages.of(e));
            }
        }
        if (!sweep.isEmpty() && count != 1) {
            throw new Refused(Messages.get("cli.generate.sweepOrCount"));
        }
        if ((baseUrl == null) != (endpointId == null)) {
            throw new Refused(Messages.get("cli.generate.baseUrlAndId"));
        }
        if (baseUrl != null && endpoint != null) {
            throw new Refused(Messages.get("cli.generate.endpointOrUrl"));
        }
        SeedPlan seeds;
        try {
            seeds = SeedPlan.parse(seed);
        } catch (IllegalArgumentException e) {
            throw new Refused(Messages.of(e));
        }
        // one Easel per profile: a window on the same journal would send the same unfinished jobs again
        InstanceLock lock = switch (InstanceLock.acquireForCommand(folders.data(),
                "cli.generate.busy")) {
            case InstanceLock.Acquired a -> a.lock();
            case InstanceLock.AlreadyRunning r ->
                    throw new Refused(Messages.get("cli.generate.easelOpen", Messages.get(r.why())));
            case InstanceLock.Handed h -> throw new IllegalStateException("nothing is handed over");
        };
        EndpointProfile chosen;
        try {
            chosen = choose(new SettingsStore(folders.config().resolve("settings.json"),
                    Clock.systemDefaultZone()).load().settings());
        } catch (Refused e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        Function<Settings, EndpointProfile> chooser = settings -> chosen;
        try (lock; AppContext context = new AppContext(folders, demo, chooser)) {
            AppContext.Services s;
            try {
                s = context.services().join();
                context.resumed().join();
            } catch (CompletionException e) {
                Throwable cause = e;
                while (cause.getCause() != null && cause.getCause() != cause) {
                    cause = cause.getCause();
                }
                throw new Refused(Messages.get("app.couldNotStart", Messages.of(cause)));
            }
            WordLists lists = new WordLists(folders.data().resolve("wildcards"));
            Prepared p = prepare(s, seeds);
            if (!sweep.isEmpty()) {
                Sweeps.Draft d;
                try {
                    d = SweepPlanner.draft(p.workflow(), p.bindings(), sweep, lists, wf -> p.spec(wf), Map.of());
                } catch (WorkflowException e) {
                    throw new Refused(Messages.of(e));
                }
                return new GenerateRun(s.queue(), out).sendSweep(s.sweeps(), d, s.profile(), stdout, err);
            }
            return new GenerateRun(s.queue(), out).send(specs(p, seeds, lists), s.profile(), stdout, err);
        }
    }

    private EndpointProfile choose(Settings settings) throws Refused {
        if (baseUrl != null) {
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && baseUrl.getHost() != null
                    && PlainHttp.isLoopback(baseUrl.getHost()))) {
                throw new Refused("--base-url must be an https:// URL (plain http only for this machine).");
            }
            return new EndpointProfile("cli-" + endpointId, "Endpoint " + endpointId, endpointId, baseUrl.toString(),
                    price == null ? 0 : price, List.of(), TemplateLibrary.DEFAULT_ID, false);
        }
        if (endpoint == null) {
            return settings.activeProfile();
        }
        return settings.profiles().stream().filter(p -> p.name().equalsIgnoreCase(endpoint)
                        || p.id().equalsIgnoreCase(endpoint)).findFirst()
                .orElseThrow(() -> new Refused(Messages.get("cli.generate.noProfile", endpoint,
                        String.join(", ", settings.profiles().stream().map(EndpointProfile::name).toList()))));
    }

    /** The graph with the options set, checked, and how to make a job of it. */
    private record Prepared(Workflow workflow, Bindings bindings, JsonNode uiGraph, String templateId, String from) {
        JobSpec spec(Workflow wf) throws WorkflowException {
            return JobSpec.of(wf, bindings, Map.of(), uiGraph, templateId, from);
        }
    }

    private Prepared prepare(AppContext.Services s, SeedPlan seeds) throws Refused {
        Workflow wf;
        JsonNode uiGraph;
        String templateId;
        if (file != null) {
            if (template != null) {
                throw new Refused(Messages.get("cli.generate.fileOrTemplate"));
            }
            try {
                WorkflowImporter.Imported imported = WorkflowImporter.fromFile(file);
                wf = imported.workflow();
                uiGraph = imported.uiGraph();
            } catch (WorkflowException e) {
                throw new Refused(Messages.of(e));
            }
            templateId = null;
        } else {
            String id = template != null ? template : s.profile().defaultTemplate();
            Template t = s.allTemplates().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new Refused(Messages.get("cli.generate.noTemplate", id, String.join(", ",
                            s.allTemplates().stream().map(Template::id).toList()))));
            wf = t.workflow();
            uiGraph = t.uiGraph();
            templateId = t.id();
        }
        Bindings b = ParameterBinder.bind(wf);
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<Parameter, JsonNode> asked = new LinkedHashMap<>();
        if (prompt != null) {
            asked.put(Parameter.PROMPT, f.textNode(prompt));
        }
        if (negative != null) {
            asked.put(Parameter.NEGATIVE_PROMPT, f.textNode(negative));
        }
        if (width != null) {
            asked.put(Parameter.WIDTH, f.numberNode(width));
        }
        if (height != null) {
            asked.put(Parameter.HEIGHT, f.numberNode(height));
        }
        if (steps != null) {
            asked.put(Parameter.STEPS, f.numberNode(steps));
        }
        if (cfg != null) {
            asked.put(Parameter.CFG, f.numberNode(cfg));
        }
        for (var e : asked.entrySet()) {
            if (!b.has(e.getKey())) {
                throw new Refused(Messages.get("cli.generate.noParameter",
                        e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), optionOf(e.getKey())));
            }
            wf = b.set(wf, e.getKey(), e.getValue());
        }
        if (seeds.given() && !b.has(Parameter.SEED)) {
            throw new Refused(Messages.get("cli.generate.noSeed"));
        }
        List<Problem> errors = WorkflowValidator.validate(wf.toJson()).stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new Refused(Messages.get("cli.generate.invalid", Messages.get(errors.getFirst().text()), errors.size() - 1));
        }
        for (var load : b.loadImages()) {
            boolean onEndpoint = wf.value(load.nodeId(), "image").map(v -> v.asText().equals("example.png"))
                    .orElse(false);
            if (!onEndpoint) {
                throw new Refused(Messages.get("cli.generate.needsPicture", load.nodeId()));
            }
        }
        if (seeds.start() != null) {
            wf = b.set(wf, Parameter.SEED, f.numberNode(seeds.start()));
        } else if (!sweep.isEmpty() && seeds.mode() == SeedPlan.Mode.RANDOM && b.has(Parameter.SEED)) {
            wf = b.set(wf, Parameter.SEED, f.numberNode(random.nextLong((1L << 53) - 1))); // one seed for every cell
        }
        return new Prepared(wf, b, uiGraph, templateId, file == null ? null : String.valueOf(file.getFileName()));
    }

    private List<JobSpec> specs(Prepared p, SeedPlan seeds, WordLists lists) throws Refused {
        Workflow wf = p.workflow();
        Bindings b = p.bindings();
        JsonNodeFactory f = JsonNodeFactory.instance;
        long start = b.value(wf, Parameter.SEED).map(JsonNode::asLong).orElse(0L);
        List<JobSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Workflow job = wf;
            if (b.has(Parameter.SEED)) {
                long value = switch (seeds.mode()) {
                    case RANDOM -> random.nextLong((1L << 53) - 1);
                    case FIXED -> start;
                    case INCREMENT -> start + i;
                };
                job = b.set(wf, Parameter.SEED, f.numberNode(value));
            }
            try {
                // {a|b} and __wildcards__ expanded for each job's seed, all before any is sent
                out.add(p.spec(DynamicPrompt.expandIn(job, b, lists, random.nextLong())));
            } catch (WorkflowException e) {
                throw new Refused(Messages.of(e));
            }
        }
        return out;
    }

    private static String optionOf(Parameter p) {
        return switch (p) {
            case NEGATIVE_PROMPT -> "negative";
            default -> p.name().toLowerCase(Locale.ROOT);
        };
    }

}
