package dev.easel.workflow;

import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Weights, emphasis and LoRA tags in a prompt, and the note for a LoRA tag ComfyUI will ignore. */
class PromptSyntaxTest {

    private static List<String> marked(String prompt) {
        return PromptSyntax.spans(prompt).stream()
                .map(s -> s.kind() + " " + prompt.substring(s.start(), s.end())).toList();
    }

    @Test
    void weightsEmphasisAndLoraTagsAreFoundInOrderAndNeverOverlap() {
        assertThat(marked("a (red fox:1.3) in ((deep)) snow, <lora:film_grain:0.7> (dusk: .5) cinematic"))
                .containsExactly("WEIGHT (red fox:1.3)", "EMPHASIS ((deep))", "LORA <lora:film_grain:0.7>",
                        "WEIGHT (dusk: .5)");
        assertThat(marked("plain words, no syntax")).isEmpty();
        assertThat(marked("")).isEmpty();
        assertThat(marked(null)).isEmpty();
        assertThat(marked("an escaped \\(bracket\\) and a lone ( bracket")).as("not ComfyUI syntax").isEmpty();
        assertThat(marked("<LyCO:detail> and <lora:x>")).containsExactly("LORA <LyCO:detail>", "LORA <lora:x>");
        assertThat(marked("(a (nested:1.2) one)")).as("the inner weight; the outer group is not emphasis then")
                .containsExactly("WEIGHT (nested:1.2)");
    }

    @Test
    void aLoraTagInAGraphWithoutALoaderGetsANoteAndOneWithALoaderDoesNot() throws Exception {
        Workflow plain = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
        assertThat(PromptSyntax.loras("x <lora:grain:0.7> <lora: sharp >")).containsExactly("grain", "sharp");
        assertThat(Messages.get(PromptSyntax.loraNote("x <lora:grain:0.7>", plain)))
                .isEqualTo("This graph has no LoRA loader node, so ComfyUI reads “<lora:grain>” as plain words. "
                        + "Add a LoraLoader node in the JSON panel, or remove the tag.");
        assertThat(Messages.get(PromptSyntax.loraNote("<lora:a> <lora:b>", plain)))
                .contains("“<lora:a>” and the other LoRA tags as plain words").endsWith("remove the tags.");
        assertThat(PromptSyntax.loraNote("no tags (here:1.2)", plain)).isNull();

        var graph = plain.toJson().deepCopy();
        graph.putObject("90").put("class_type", "LoraLoaderModelOnly").putObject("inputs");
        Workflow withLoader = Workflow.of(graph);
        assertThat(PromptSyntax.loadsLoras(withLoader)).isTrue();
        assertThat(PromptSyntax.loraNote("x <lora:grain:0.7>", withLoader)).isNull();
    }
}
