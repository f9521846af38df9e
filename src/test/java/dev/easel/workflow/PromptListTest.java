package dev.easel.workflow;

import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch of prompts from a text or CSV file, for a sweep's prompt list. */
class PromptListTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aTextFileIsAPromptALineWithoutBlankLinesAndComments() throws Exception {
        assertThat(PromptList.read(file("p.txt", "\ufeffa fox\n\n# not this\n  an owl at night  \r\na {red|blue} heron\n")))
                .containsExactly("a fox", "an owl at night", "a {red|blue} heron");
    }

    @Test
    void aCsvFileGivesItsPromptColumnElseItsFirstWithQuotesRead() throws Exception {
        assertThat(PromptList.read(file("rows.csv", "seed,prompt,steps\n1,\"a fox, in snow\",20\n2,an owl,30\n")))
                .containsExactly("a fox, in snow", "an owl");
        assertThat(PromptList.read(file("plain.csv", "\"a fox, in snow\",x\nan owl\n\n")))
                .containsExactly("a fox, in snow", "an owl");
    }

    @Test
    void aFileThatIsNoListIsSaidAndGivesNothing() throws Exception {
        Path binary = dir.resolve("p.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        assertThatThrownBy(() -> PromptList.read(binary)).satisfies(e -> assertThat(Messages.of(e))
                .isEqualTo("p.txt is not UTF-8 text: save it as UTF-8 (a text or CSV file of a prompt a line)."));
        assertThatThrownBy(() -> PromptList.read(file("empty.txt", "# only a comment\n\n")))
                .satisfies(e -> assertThat(Messages.of(e)).startsWith("empty.txt has no prompts"));
        assertThatThrownBy(() -> PromptList.read(file("bad.csv", "\"an unclosed quote\n")))
                .satisfies(e -> assertThat(Messages.of(e)).startsWith("bad.csv is not a CSV file that can be read"));
        assertThatThrownBy(() -> PromptList.read(file("many.txt", "p\n".repeat(Sweep.MAX_CELLS + 1))))
                .satisfies(e -> assertThat(Messages.of(e)).contains("1,001 prompts").contains("at most 1,000"));
        assertThatThrownBy(() -> PromptList.read(dir.resolve("gone.txt")))
                .satisfies(e -> assertThat(Messages.of(e)).startsWith("gone.txt could not be read"));
    }

    @Test
    void aPromptsOwnBarIsEscapedSoTheListDoesNotSplitIt() {
        assertThat(PromptList.escapeBars("a fox | an owl")).isEqualTo("a fox \\| an owl");
        assertThat(PromptList.escapeBars("a {red|blue} fox")).isEqualTo("a {red|blue} fox");
        assertThat(PromptList.escapeBars("already \\| escaped")).isEqualTo("already \\| escaped");
        assertThat(Sweep.prompts(String.join(" | ", List.of("a fox \\| an owl", "a {red|blue} fox").stream()
                .map(PromptList::escapeBars).toList()))).hasSize(2);
    }

    @Test
    void aCsvFileWithParameterColumnsIsABatchOfRowsEachSettingItsOwn() throws Exception {
        var rows = PromptList.rows(file("batch.csv",
                "Prompt,Seed,steps,Negative prompt\n\"a fox, in snow\",7,4,\nan owl,,8,blurry\n"));
        assertThat(rows).containsExactly(Map.of("prompt", "a fox, in snow", "seed", "7", "steps", "4"),
                Map.of("prompt", "an owl", "steps", "8", "negative_prompt", "blurry"));
        assertThat(PromptList.rows(file("p.txt", "a fox\nan owl\n"))).as("a text file: a prompt a row")
                .containsExactly(Map.of("prompt", "a fox"), Map.of("prompt", "an owl"));
        assertThat(PromptList.rowsSpec(List.of(Map.of("prompt", "a \"quoted\" fox"))))
                .isEqualTo("rows=[{\"prompt\":\"a \\\"quoted\\\" fox\"}]");
    }
}
