package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the panel's parameters in a graph by following links from the first-stage sampler, never by titles:
 * the prompts through guidance and conditioning nodes to their CLIPTextEncode, the size at the latent, the model
 * through LoRAs to its loader. With several samplers (hires fix, refiner) the first stage is bound.
 */
public final class ParameterBinder {

    private static final Set<String> SAMPLERS = Set.of("KSampler", "KSamplerAdvanced", "SamplerCustomAdvanced");
    private static final Set<String> LATENTS = Set.of("EmptyLatentImage", "EmptySD3LatentImage");
    /** Guards against cycles in malformed graphs; real chains (LoRA stacks) are far shorter. */
    private static final int MAX_DEPTH = 1024;

    private final Workflow wf;
    private final Map<Parameter, Binding> bound = new EnumMap<>(Parameter.class);
    private final Map<Parameter, List<Binding>> followers = new EnumMap<>(Parameter.class);
    private int sizeStep = 8;

    private ParameterBinder(Workflow wf) {
        this.wf = wf;
    }

    /** The bindings of an API-format workflow. */
    public static Bindings bind(Workflow workflow) {
        return new ParameterBinder(workflow).run();
    }

    private Bindings run() {
        Optional<Workflow.Node> sampler = firstStageSampler();
        sampler.ifPresent(this::bindSampler);
        bindFilenamePrefix(sampler.orElse(null));
        List<Binding> loadImages = new ArrayList<>();
        for (Workflow.Node n : wf.nodes()) {
            if (n.classType().equals("LoadImage") && n.inputs().path("image").isTextual()) {
                loadImages.add(new Binding(null, n.id(), "image"));
            }
        }
        return new Bindings(bound, sampler.map(Workflow.Node::id).orElse(null), sizeStep, followers, loadImages);
    }

    // ---- which sampler -------------------------------------------------------------------------------

    private Optional<Workflow.Node> firstStageSampler() {
        List<Workflow.Node> firstStages = new ArrayList<>();
        for (Workflow.Node n : wf.nodes()) {
            if (SAMPLERS.contains(n.classType()) && !samplerUpstream(n.link("latent_image").orElse(null))) {
                firstStages.add(n);
            }
        }
        if (firstStages.size() <= 1) {
            return firstStages.stream().findFirst();
        }
        // several independent pipelines: the one that feeds the first SaveImage
        for (Workflow.Node n : wf.nodes()) {
            if (n.classType().equals("SaveImage")) {
                Set<String> upstream = upstream(n.id());
                for (Workflow.Node s : firstStages) {
                    if (upstream.contains(s.id())) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.of(firstStages.getFirst());
    }

    /** Whether another sampler lies upstream of this latent input (then this sampler is a later stage). */
    private boolean samplerUpstream(Link latent) {
        if (latent == null) {
            return false;
        }
        for (String id : upstream(latent.nodeId())) {
            if (wf.node(id).map(n -> SAMPLERS.contains(n.classType())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** The node and everything it depends on. */
    private Set<String> upstream(String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            wf.node(id).ifPresent(n -> n.inputs().properties()
                    .forEach(e -> Link.of(e.getValue()).ifPresent(l -> todo.push(l.nodeId()))));
        }
        return seen;
    }

    // ---- the sampler's parameters --------------------------------------------------------------------

    private void bindSampler(Workflow.Node s) {
        String modelFrom = null;
        Link positive = null;
        Link negative = null;
        switch (s.classType()) {
            case "KSampler" -> {
                literal(Parameter.SEED, s, "seed");
                bindCommon(s, true);
                modelFrom = s.id();
                positive = s.link("positive").orElse(null);
                negative = s.link("negative").orElse(null);
            }
            case "KSamplerAdvanced" -> {
                literal(Parameter.SEED, s, "noise_seed");
                bindCommon(s, false);
                modelFrom = s.id();
                positive = s.link("positive").orElse(null);
                negative = s.link("negative").orElse(null);
            }
            case "SamplerCustomAdvanced" -> {
                linked(s, "noise", "RandomNoise").ifPresent(n -> literal(Parameter.SEED, n, "noise_seed"));
                linked(s, "sampler", "KSamplerSelect").ifPresent(n -> literal(Parameter.SAMPLER, n, "sampler_name"));
                linked(s, "sigmas", "BasicScheduler").ifPresent(n -> {
                    literal(Parameter.SCHEDULER, n, "scheduler");
                    literal(Parameter.STEPS, n, "steps");
                    literal(Parameter.DENOISE, n, "denoise");
                });
                Optional<Workflow.Node> guider = s.link("guider").flatMap(l -> wf.node(l.nodeId()));
                if (guider.isPresent()) {
                    Workflow.Node g = guider.get();
                    modelFrom = g.id();
                    if (g.classType().equals("CFGGuider")) {
                        literal(Parameter.CFG, g, "cfg");
                        positive = g.link("positive").orElse(null);
                        negative = g.link("negative").orElse(null);
                    } else {
                        positive = g.link("conditioning").or(() -> g.link("positive")).orElse(null);
                        negative = g.link("negative").orElse(null);
                    }
                }
            }
            default -> throw new IllegalStateException(s.classType());
        }
        if (positive != null) {
            bindPrompt(positive, Parameter.PROMPT, true);
        }
        if (negative != null) {
            bindPrompt(negative, Parameter.NEGATIVE_PROMPT, false);
        }
        s.link("latent_image").ifPresent(this::bindSize);
        if (modelFrom != null) {
            wf.node(modelFrom).flatMap(n -> n.link("model")).ifPresent(this::bindModel);
        }
    }

    private void bindCommon(Workflow.Node s, boolean denoise) {
        literal(Parameter.STEPS, s, "steps");
        literal(Parameter.CFG, s, "cfg");
        literal(Parameter.SAMPLER, s, "sampler_name");
        literal(Parameter.SCHEDULER, s, "scheduler");
        if (denoise) {
            literal(Parameter.DENOISE, s, "denoise");
        }
    }

    private Optional<Workflow.Node> linked(Workflow.Node from, String input, String classType) {
        return from.link(input).flatMap(l -> wf.node(l.nodeId())).filter(n -> n.classType().equals(classType));
    }

    /** Binds a parameter to a node input that holds a literal value (a linked input is left to the JSON). */
    private void literal(Parameter p, Workflow.Node node, String input) {
        JsonNode v = node.inputs().get(input);
        if (v != null && !v.isNull() && Link.of(v).isEmpty() && !bound.containsKey(p)) {
            bound.put(p, new Binding(p, node.id(), input));
        }
    }

    /**
     * Follows a conditioning link back to the text encoder: through FluxGuidance (which also gives the guidance),
     * combiners, timestep ranges, ControlNet appliers and any other node that passes conditioning on.
     */
    private void bindPrompt(Link start, Parameter text, boolean positive) {
        Deque<Link> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_DEPTH * 4) {
            Link l = todo.removeFirst();
            Optional<Workflow.Node> found = wf.node(l.nodeId());
            if (found.isEmpty() || !seen.add(l.nodeId() + ":" + l.slot())) {
                continue;
            }
            Workflow.Node n = found.get();
            switch (n.classType()) {
                case "CLIPTextEncode" -> {
                    literal(text, n, "text");
                    return;
                }
                case "CLIPTextEncodeFlux" -> {
                    literal(text, n, "t5xxl");
                    if (positive) {
                        literal(Parameter.GUIDANCE, n, "guidance");
                    }
                    return;
                }
                case "ConditioningZeroOut" -> {
                    return; // an empty negative by construction: nothing to type
                }
                case "FluxGuidance" -> {
                    if (positive) {
                        literal(Parameter.GUIDANCE, n, "guidance");
                    }
                    n.link("conditioning").ifPresent(todo::addLast);
                }
                default -> {
                    // ControlNet-style nodes pass positive on output 0 and negative on output 1
                    Optional<Link> pair = l.slot() == 1 ? n.link("negative") : n.link("positive");
                    if (pair.isPresent() && n.inputs().has("negative")) {
                        todo.addLast(pair.get());
                        continue;
                    }
                    n.inputs().properties().forEach(e -> {
                        if (e.getKey().startsWith("conditioning") || e.getKey().equals("positive")) {
                            Link.of(e.getValue()).ifPresent(todo::addLast);
                        }
                    });
                }
            }
        }
    }

    private void bindSize(Link latent) {
        Link l = latent;
        for (int depth = 0; depth < MAX_DEPTH && l != null; depth++) {
            Optional<Workflow.Node> found = wf.node(l.nodeId());
            if (found.isEmpty()) {
                return;
            }
            Workflow.Node n = found.get();
            if (LATENTS.contains(n.classType())) {
                sizeStep = n.classType().equals("EmptySD3LatentImage") ? 16 : 8;
                literal(Parameter.WIDTH, n, "width");
                literal(Parameter.HEIGHT, n, "height");
                literal(Parameter.BATCH_SIZE, n, "batch_size");
                followModelSampling();
                return;
            }
            if (n.classType().equals("ImageScale")) {
                sizeStep = 1;
                literal(Parameter.WIDTH, n, "width");
                literal(Parameter.HEIGHT, n, "height");
                return;
            }
            // img2img and latent plumbing: VAEEncode.pixels, SetLatentNoiseMask.samples, RepeatLatentBatch …
            l = n.link("samples").or(() -> n.link("pixels")).or(() -> n.link("image")).orElse(null);
        }
    }

    /** ModelSamplingFlux width and height must match the latent: they follow WIDTH and HEIGHT. */
    private void followModelSampling() {
        for (Workflow.Node n : wf.nodes()) {
            if (n.classType().equals("ModelSamplingFlux")) {
                for (Parameter p : List.of(Parameter.WIDTH, Parameter.HEIGHT)) {
                    String input = p == Parameter.WIDTH ? "width" : "height";
                    if (bound.containsKey(p) && wf.value(n.id(), input).isPresent()) {
                        followers.computeIfAbsent(p, k -> new ArrayList<>()).add(new Binding(p, n.id(), input));
                    }
                }
            }
        }
    }

    private void bindModel(Link model) {
        Link l = model;
        for (int depth = 0; depth < MAX_DEPTH && l != null; depth++) {
            Optional<Workflow.Node> found = wf.node(l.nodeId());
            if (found.isEmpty()) {
                return;
            }
            Workflow.Node n = found.get();
            switch (n.classType()) {
                case "CheckpointLoaderSimple", "CheckpointLoader" -> {
                    literal(Parameter.MODEL, n, "ckpt_name");
                    return;
                }
                case "UNETLoader", "UnetLoaderGGUF" -> {
                    literal(Parameter.MODEL, n, "unet_name");
                    return;
                }
                default -> l = n.link("model").orElse(null);
            }
        }
    }

    private void bindFilenamePrefix(Workflow.Node sampler) {
        Workflow.Node first = null;
        for (Workflow.Node n : wf.nodes()) {
            if (n.classType().equals("SaveImage")) {
                if (first == null) {
                    first = n;
                }
                if (sampler == null || upstream(n.id()).contains(sampler.id())) {
                    literal(Parameter.FILENAME_PREFIX, n, "filename_prefix");
                    return;
                }
            }
        }
        if (first != null) {
            literal(Parameter.FILENAME_PREFIX, first, "filename_prefix");
        }
    }
}
