package dev.easel.jobs;

import dev.easel.api.JobError;
import dev.easel.workflow.ModelFiles;
import dev.easel.workflow.Template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * When a job fails because the endpoint lacks a model, names the template to choose instead of "choose a template
 * for a model it has": the one whose files the endpoint has (the worker lists its checkpoints, ComfyUI the files of
 * each loader input), or, when the endpoint has no checkpoints at all, the templates that load their model as
 * separate files, worker-comfyui's Hub default (FLUX.2 klein) first.
 */
public final class ModelAdvice implements BiFunction<JobSpec, JobError, String> {

    /** worker-comfyui's next Hub default, proposed first to an endpoint without checkpoints. */
    private static final String HUB_DEFAULT = "flux2-klein-9b";

    private final Supplier<List<Template>> templates;

    public ModelAdvice(Supplier<List<Template>> templates) {
        this.templates = templates;
    }

    @Override
    public String apply(JobSpec spec, JobError error) {
        String summary = error.summary();
        List<JobError.MissingModel> missing = JobError.missingModels(error.detail());
        if (missing.isEmpty() || !summary.endsWith(JobError.CHOOSE_TEMPLATE)) {
            return summary;
        }
        String head = summary.substring(0, summary.length() - JobError.CHOOSE_TEMPLATE.length());
        List<Template> exact = new ArrayList<>();
        List<Template> without = new ArrayList<>();
        for (Template t : templates.get()) {
            Map<String, Set<String>> files = ModelFiles.of(t.workflow());
            boolean usesOne = false;
            boolean fits = true;
            for (JobError.MissingModel m : missing) {
                Set<String> uses = files.get(m.input());
                if (uses == null) {
                    continue;
                }
                usesOne = true;
                fits &= m.has() != null && m.has().containsAll(uses);
            }
            if (fits && usesOne) {
                exact.add(t);
            } else if (!usesOne) {
                without.add(t);
            }
        }
        if (!exact.isEmpty()) {
            Template t = exact.getFirst();
            Set<String> its = new LinkedHashSet<>();
            ModelFiles.of(t.workflow()).forEach((input, f) -> {
                if (missing.stream().anyMatch(m -> m.input().equals(input))) {
                    its.addAll(f);
                }
            });
            return head + "Choose the " + t.name() + " template: it loads " + String.join(", ", its) + ", which this "
                    + "endpoint has" + (exact.size() > 1 ? " (so do " + names(exact.subList(1, exact.size())) + ")" : "")
                    + "; or add the model to the endpoint.";
        }
        boolean noneOfThatKind = missing.stream().allMatch(m -> m.has() != null && m.has().isEmpty());
        if (noneOfThatKind && !without.isEmpty()) {
            without.sort((a, b) -> Boolean.compare(!a.id().equals(HUB_DEFAULT), !b.id().equals(HUB_DEFAULT)));
            boolean checkpoints = missing.stream().allMatch(m -> m.input().equals("ckpt_name"));
            String kind = checkpoints ? "checkpoint" : missing.getFirst().input();
            return head + "Its image loads its model another way than by " + kind + ": choose the template made for "
                    + "it: " + names(without) + (without.getFirst().id().equals(HUB_DEFAULT)
                    ? " (FLUX.2 klein is worker-comfyui's next Hub default)" : "") + "; or add the model to the endpoint.";
        }
        return summary;
    }

    private static String names(List<Template> ts) {
        List<String> names = ts.stream().map(Template::name).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }
}
