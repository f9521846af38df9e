package dev.easel.bench;

import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's graph is what it claims: 500 nodes, valid, with a LoRA stack the binder walks through. */
class BindBenchmarkGraphTest {
    @Test
    void theBenchmarkGraphIsRealistic() {
        Workflow wf = Workflow.of(BindBenchmark.graph(500));
        assertThat(wf.size()).isBetween(494, 500);
        assertThat(WorkflowValidator.validate(wf.toJson())).isEmpty();
        var b = ParameterBinder.bind(wf);
        assertThat(b.get(Parameter.MODEL).orElseThrow().nodeId()).isEqualTo("1");
        assertThat(b.samplerNodeId()).isNotNull();
    }
}
