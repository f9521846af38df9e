package dev.easel.ui.params;

import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ParamsViewModelTest {

    private final TemplateLibrary templates = new TemplateLibrary(Path.of("target/none"));

    @Test
    void showsOnlyWhatTheWorkflowHasAndWritesChangesToIt() {
        var session = new WorkflowSession(templates.get("flux1-dev").orElseThrow());
        var vm = new ParamsViewModel(session, new SplittableRandom(1));
        assertThat(vm.presentProperty(Parameter.STEPS).get()).isTrue();
        assertThat(vm.presentProperty(Parameter.CFG).get()).as("BasicGuider has no cfg").isFalse();
        assertThat(vm.presentProperty(Parameter.GUIDANCE).get()).isTrue();
        assertThat(vm.sizeStepProperty().get()).isEqualTo(16);

        vm.stepsProperty().set(28);
        vm.guidanceProperty().set(new BigDecimal("2.5"));
        vm.samplerProperty().set("dpmpp_2m");
        assertThat(session.value(Parameter.STEPS).orElseThrow().asInt()).isEqualTo(28);
        assertThat(session.value(Parameter.GUIDANCE).orElseThrow().decimalValue()).isEqualByComparingTo("2.5");
        assertThat(session.value(Parameter.SAMPLER).orElseThrow().asText()).isEqualTo("dpmpp_2m");
    }

    @Test
    void sizesSnapToTheNodesStepFollowTheAspectLockAndModelSamplingFlux() {
        var session = new WorkflowSession(templates.get("flux1-dev").orElseThrow());
        var vm = new ParamsViewModel(session, new SplittableRandom(1));
        vm.widthProperty().set(1000);
        assertThat(vm.widthProperty().get()).as("a multiple of 16").isEqualTo(1008);
        assertThat(session.value(Parameter.WIDTH).orElseThrow().asInt()).isEqualTo(1008);
        assertThat(session.getWorkflow().value("30", "width").orElseThrow().asInt()).as("ModelSamplingFlux")
                .isEqualTo(1008);

        vm.preset(1024, 1024);
        vm.aspectLockedProperty().set(true);
        vm.widthProperty().set(512);
        assertThat(vm.heightProperty().get()).isEqualTo(512);
        vm.swapSize();
        vm.preset(832, 1216);
        assertThat(session.value(Parameter.HEIGHT).orElseThrow().asInt()).isEqualTo(1216);
    }

    @Test
    void seedModes() {
        var session = new WorkflowSession(templates.defaultTemplate());
        var vm = new ParamsViewModel(session, new SplittableRandom(1));
        long start = vm.seedProperty().get();
        vm.seedModeProperty().set(ParamsViewModel.SeedMode.FIXED);
        assertThat(vm.nextSeed()).isEqualTo(start);
        vm.seedModeProperty().set(ParamsViewModel.SeedMode.INCREMENT);
        assertThat(vm.nextSeed()).isEqualTo(start + 1);
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(start + 1);
        vm.seedModeProperty().set(ParamsViewModel.SeedMode.RANDOM);
        assertThat(vm.nextSeed()).isNotEqualTo(start + 1).isBetween(0L, (1L << 53) - 1);
    }

    @Test
    void aJsonEditComesBackToTheControls() {
        var session = new WorkflowSession(templates.defaultTemplate());
        var vm = new ParamsViewModel(session, new SplittableRandom(1));
        session.replace(session.getWorkflow().edit(e -> e.set("31", "steps", 17).set("31", "scheduler", "my_new_one")));
        assertThat(vm.stepsProperty().get()).isEqualTo(17);
        assertThat(vm.schedulerProperty().get()).isEqualTo("my_new_one");
        assertThat(vm.schedulers()).as("an unknown value is kept, not dropped").contains("my_new_one");
    }
}
