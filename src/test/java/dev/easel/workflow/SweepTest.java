package dev.easel.workflow;

import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sweep axes: read from their written form, expanded to cells X fastest, and the mistakes said plainly. */
class SweepTest {

    private final Workflow base = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
    private final Bindings b = ParameterBinder.bind(base);

    private Sweep.Axis axis(String spec) throws WorkflowException {
        return Sweep.parse(spec, base, b);
    }

    private Object value(Workflow wf, Parameter p) {
        var v = b.value(wf, p).orElseThrow();
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.asLong(); // not in one ?: with asDouble(): that would make every number a double
        }
        return v.asDouble();
    }

    @Test
    void aThreeByFourSweepHasTwelveCellsXFastestEachWithItsValues() throws WorkflowException {
        var steps = axis("steps=10,20,30");
        var cfg = axis("cfg=1, 3.5 ,5,7");
        assertThat(steps.labels()).containsExactly("10", "20", "30");
        assertThat(cfg.labels()).containsExactly("1", "3.5", "5", "7");
        List<Sweep.Cell> cells = Sweep.cells(base, b, List.of(steps, cfg));
        assertThat(cells).hasSize(12);
        assertThat(cells).extracting(c -> c.x() + "," + c.y()).startsWith("0,0", "1,0", "2,0", "0,1");
        for (Sweep.Cell c : cells) {
            assertThat(value(c.workflow(), Parameter.STEPS)).isEqualTo(List.of(10L, 20L, 30L).get(c.x()));
            assertThat(value(c.workflow(), Parameter.CFG)).isEqualTo(List.of(1.0, 3.5, 5.0, 7.0).get(c.y()));
            assertThat(value(c.workflow(), Parameter.PROMPT)).isEqualTo(value(base, Parameter.PROMPT));
        }
        assertThat(Sweep.describe(List.of(steps, cfg), cells.get(5))).containsExactly(
                Map.entry("steps", "30"), Map.entry("cfg", "3.5"));
        assertThat(value(base, Parameter.STEPS)).as("the base graph is not changed").isNotEqualTo(30L);
    }

    @Test
    void promptSearchAndReplaceAPromptListSeedsSizesAndSamplers() throws WorkflowException {
        String prompt = (String) value(base, Parameter.PROMPT);
        String word = prompt.split(" ")[1];
        var sr = axis("prompt-sr=" + word + ",crystal,golden");
        var cells = Sweep.cells(base, b, List.of(sr));
        assertThat(cells).extracting(c -> value(c.workflow(), Parameter.PROMPT)).containsExactly(prompt,
                prompt.replace(word, "crystal"), prompt.replace(word, "golden"));

        var prompts = axis("prompts=a fox | an owl at night");
        assertThat(Sweep.cells(base, b, List.of(prompts))).extracting(c -> value(c.workflow(), Parameter.PROMPT))
                .containsExactly("a fox", "an owl at night");
        var dynamic = axis("prompts=a {red|blue} fox | an owl, \\| a pipe");
        assertThat(Sweep.cells(base, b, List.of(dynamic))).as("a prompt's own {a|b} and \\| stay whole")
                .extracting(c -> value(c.workflow(), Parameter.PROMPT))
                .containsExactly("a {red|blue} fox", "an owl, | a pipe");

        long seed = (long) value(base, Parameter.SEED);
        assertThat(Sweep.cells(base, b, List.of(axis("seeds=3")))).extracting(c -> value(c.workflow(), Parameter.SEED))
                .containsExactly(seed, seed + 1, seed + 2);
        var sizes = Sweep.cells(base, b, List.of(axis("size=512x768,1024x1024")));
        assertThat(sizes).extracting(c -> value(c.workflow(), Parameter.WIDTH) + "x" + value(c.workflow(), Parameter.HEIGHT))
                .containsExactly("512x768", "1024x1024");
        var samplers = Sweep.cells(base, b, List.of(axis("sampler=euler,dpmpp_2m"), axis("scheduler=simple,karras")));
        assertThat(samplers).extracting(c -> value(c.workflow(), Parameter.SAMPLER) + "/" + value(c.workflow(),
                Parameter.SCHEDULER)).containsExactly("euler/simple", "dpmpp_2m/simple", "euler/karras", "dpmpp_2m/karras");
    }

    @Test
    void aBatchOfRowsMakesACellPerRowSettingEachRowsParameters() throws WorkflowException {
        var rows = axis("rows=[{\"prompt\":\"a fox\",\"steps\":\"4\"},{\"prompt\":\"an owl\",\"cfg\":\"2.5\","
                + "\"seed\":\"9\"}]");
        assertThat(rows.name()).isEqualTo("row");
        assertThat(rows.labels()).containsExactly("1: a fox", "2: an owl");
        var cells = Sweep.cells(base, b, List.of(rows, axis("seeds=2")));
        assertThat(cells).hasSize(4);
        assertThat(value(cells.get(0).workflow(), Parameter.PROMPT)).isEqualTo("a fox");
        assertThat(value(cells.get(0).workflow(), Parameter.STEPS)).isEqualTo(4L);
        assertThat(value(cells.get(1).workflow(), Parameter.CFG)).isEqualTo(2.5);
        assertThat(value(cells.get(1).workflow(), Parameter.STEPS)).as("not in its row: the graph's own")
                .isEqualTo(value(base, Parameter.STEPS));
        assertThatThrownBy(() -> axis("rows=[{\"colour\":\"red\"}]")).satisfies(e -> assertThat(Messages.of(e))
                .startsWith("The column \"colour\" is not a parameter a row can set"));
        assertThatThrownBy(() -> axis("rows=[{\"steps\":\"lots\"}]")).satisfies(e -> assertThat(Messages.of(e))
                .isEqualTo("The axis steps has \"lots\", which is not a number."));
        assertThatThrownBy(() -> axis("rows=a fox")).satisfies(e -> assertThat(Messages.of(e))
                .startsWith("A batch is written rows= and a JSON list of rows"));
    }

    @Test
    void mistakesAreSaidAndNothingIsMade() {
        assertThatThrownBy(() -> axis("steps")).satisfies(e -> assertThat(Messages.of(e))
                .isEqualTo("An axis is written name=values, such as steps=10,20,30; \"steps\" is not."));
        assertThatThrownBy(() -> axis("steps=10,lots")).satisfies(e -> assertThat(Messages.of(e))
                .isEqualTo("The axis steps has \"lots\", which is not a number."));
        assertThatThrownBy(() -> axis("steps=0")).satisfies(e -> assertThat(Messages.of(e)).contains("must be from 1"));
        assertThatThrownBy(() -> axis("colour=red")).satisfies(e -> assertThat(Messages.of(e))
                .startsWith("There is no parameter \"colour\" to sweep"));
        assertThatThrownBy(() -> axis("prompt-sr=zebra-not-there,x")).satisfies(e -> assertThat(Messages.of(e))
                .contains("does not contain it"));
        assertThatThrownBy(() -> axis("size=512")).satisfies(e -> assertThat(Messages.of(e))
                .contains("WIDTHxHEIGHT"));
        assertThatThrownBy(() -> Sweep.cells(base, b, List.of(axis("seeds=20"), axis("seeds=20"), axis("seeds=20"))))
                .satisfies(e -> assertThat(Messages.of(e)).startsWith("That sweep has 8,000 cells"));
        assertThatThrownBy(() -> Sweep.cells(base, b, List.of(axis("steps=1"), axis("steps=2"), axis("steps=3"),
                axis("steps=4")))).satisfies(e -> assertThat(Messages.of(e)).contains("at most 3 axes"));
    }
}
