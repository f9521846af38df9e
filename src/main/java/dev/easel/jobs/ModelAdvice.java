package dev.easel.jobs;

import dev.easel.api.JobError;
import dev.easel.text.Text;
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
public final class ModelAdvice implements BiFunction<JobSpec, JobError, Text> {

    /** worker-comfyui's next Hub default, proposed first to an endpoint without checkpoints. */
    private static final String HUB_DEFAULT = "flux2-klein-9b";

    private final Supplier<List<Template>> templates;

    public ModelAdvice(Supplier<List<Template>> templates) {
        this.templates = templates;
    }

    @Override
    public Text apply(JobSpec spec, JobError error) {
        Text summary = error.summary();
        List<JobError.MissingModel> missing = JobError.missingModels(error.detail());
        if (missing.isEmpty() || !summary.key().equals(JobError.NO_MODEL)) {
            return summary;
        }
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
            return instead(summary, exact.size() > 1
                    ? Text.of("jobs.advice.templateOfSeveral", t.name(), String.join(", ", its),
                    names(exact.subList(1, exact.size())))
                    : Text.of("jobs.advice.template", t.name(), String.join(", ", its)));
        }
        boolean noneOfThatKind = missing.stream().allMatch(m -> m.has() != null && m.has().isEmpty());
        if (noneOfThatKind && !without.isEmpty()) {
            without.sort((a, b) -> Boolean.compare(!a.id().equals(HUB_DEFAULT), !b.id().equals(HUB_DEFAULT)));
            boolean checkpoints = missing.stream().allMatch(m -> m.input().equals("ckpt_name"));
            Object kind = checkpoints ? Text.of("jobs.advice.checkpoint") : missing.getFirst().input();
            return instead(summary, without.getFirst().id().equals(HUB_DEFAULT)
                    ? Text.of("jobs.advice.otherWayHub", kind, names(without))
                    : Text.of("jobs.advice.otherWay", kind, names(without)));
        }
        return summary;
    }

    /** The missing model's summary with {@code advice} in place of "choose a template for a model it has". */
    private static Text instead(Text summary, Text advice) {
        List<Object> args = new ArrayList<>(summary.args());
        args.set(args.size() - 1, advice);
        return new Text(summary.key(), args);
    }

    private static Object names(List<Template> ts) {
        List<String> names = ts.stream().map(Template::name).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return Text.of("text.or", String.join(", ", names.subList(0, names.size() - 1)), names.getLast());
    }
}
