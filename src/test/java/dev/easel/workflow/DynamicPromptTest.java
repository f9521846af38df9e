package dev.easel.workflow;

import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dynamic prompts: alternatives, wildcards, seed-stable picks, every combination, and the errors they say. */
class DynamicPromptTest {

    private static final DynamicPrompt.Lists LISTS = name -> Optional.ofNullable(Map.of(
            "colour", List.of("red", "green", "blue"),
            "animal", List.of("a __colour__ fox", "an {old|young} owl"),
            "loop", List.of("again __loop__")).get(name));

    private static String random(String prompt, long seed) throws WorkflowException {
        return DynamicPrompt.parse(prompt).random(seed, LISTS);
    }

    private static List<String> all(String prompt) throws WorkflowException {
        return DynamicPrompt.parse(prompt).combinations(LISTS, 1000);
    }

    @Test
    void aPlainPromptIsLeftAsItIs() throws WorkflowException {
        assertThat(DynamicPrompt.isDynamic("a lighthouse, (storm:1.2), <lora:x:0.8>")).isFalse();
        assertThat(random("a lighthouse, (storm:1.2), <lora:x:0.8>", 1)).isEqualTo("a lighthouse, (storm:1.2), <lora:x:0.8>");
        assertThat(DynamicPrompt.isDynamic("snake_case and a_b")).as("single underscores are words").isFalse();
        assertThat(DynamicPrompt.isDynamic("a {red|blue} car")).isTrue();
        assertThat(DynamicPrompt.isDynamic("a __colour__ car")).isTrue();
    }

    @Test
    void theSameSeedPicksTheSameWordsAndOtherSeedsReachEveryAlternative() throws WorkflowException {
        String p = "a {red|green|blue} {car|bike} at {dawn|dusk}";
        assertThat(random(p, 42)).isEqualTo(random(p, 42));
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 400; seed++) {
            seen.add(random(p, seed));
        }
        assertThat(seen).as("every one of the 12 is reached").hasSize(12).containsAll(all(p));
    }

    @Test
    void everyCombinationInOrderNestedAlternativesToo() throws WorkflowException {
        assertThat(all("a {red|blue} {car|bike}")).containsExactly("a red car", "a red bike", "a blue car", "a blue bike");
        assertThat(all("{a|{b|c}d}!")).containsExactly("a!", "bd!", "cd!");
        assertThat(all("{|very }big")).as("an empty alternative").containsExactly("big", "very big");
        assertThat(DynamicPrompt.parse("{a|b}{c|d}{e|f}").combinations(LISTS, 5)).hasSize(5);
    }

    @Test
    void wildcardsPickFromTheirListsAndListsMayHoldChoicesAndWildcards() throws WorkflowException {
        assertThat(all("__colour__ sky")).containsExactly("red sky", "green sky", "blue sky");
        assertThat(all("__animal__")).containsExactly("a red fox", "a green fox", "a blue fox", "an old owl",
                "an young owl");
        assertThat(random("__animal__ at night", 7)).isEqualTo(random("__animal__ at night", 7))
                .endsWith(" at night");
        assertThat(DynamicPrompt.parse("__animal__ and __colour__ and __animal__").wildcards())
                .containsExactly("animal", "colour");
    }

    @Test
    void escapesAreTheCharactersThemselves() throws WorkflowException {
        assertThat(random("a \\{literal\\} brace \\| bar and \\_\\_init\\_\\_", 3))
                .isEqualTo("a {literal} brace | bar and __init__");
        assertThat(random("a json-ish {\"k\": 1} is a choice of one", 3)).isEqualTo("a json-ish \"k\": 1 is a choice of one");
    }

    @Test
    void mistakesAreSaidWithWhereAndWhatToDo() {
        assertThatThrownBy(() -> DynamicPrompt.parse("a {red|blue car")).isInstanceOf(WorkflowException.class)
                .satisfies(e -> assertThat(Messages.of(e)).isEqualTo("The prompt has a \"{\" at character 3 that is "
                        + "never closed with \"}\": close it, or write \\{ for the brace itself."));
        assertThatThrownBy(() -> DynamicPrompt.parse("a red} car")).satisfies(e -> assertThat(Messages.of(e))
                .isEqualTo("The prompt has a stray \"}\" at character 6: write \\} for the character itself."));
        assertThatThrownBy(() -> random("a __nope__ car", 1)).satisfies(e -> assertThat(Messages.of(e))
                .startsWith("There is no word list named \"nope\" for __nope__: add nope.txt to the wildcards folder"));
        assertThatThrownBy(() -> random("__loop__", 1)).satisfies(e -> assertThat(Messages.of(e))
                .contains("more than 12 deep"));
        assertThatThrownBy(() -> all("__loop__")).isInstanceOf(WorkflowException.class);
    }

    @Test
    void wordListsAreFilesInTheirFolderAndNothingOutsideIt(@TempDir Path dir) throws Exception {
        Path lists = dir.resolve("wildcards");
        Files.createDirectories(lists.resolve("styles"));
        Files.writeString(lists.resolve("colour.txt"), "# colours\nred\n\n  green  \r\nblue\n");
        Files.writeString(lists.resolve("styles/painters.txt"), "Monet\nTurner\n");
        Files.writeString(dir.resolve("secret.txt"), "outside\n");
        var words = new WordLists(lists);
        assertThat(words.get("colour")).contains(List.of("red", "green", "blue"));
        assertThat(words.get("styles/painters")).contains(List.of("Monet", "Turner"));
        assertThat(words.names()).containsExactly("colour", "styles/painters");
        for (String hostile : List.of("../secret", "/etc/passwd", "a\\..\\b", "styles/../../secret", "", "x".repeat(101))) {
            assertThat(words.get(hostile)).as(hostile).isEmpty();
        }
        assertThat(DynamicPrompt.parse("in the style of __styles/painters__").combinations(words, 10))
                .containsExactly("in the style of Monet", "in the style of Turner");
        assertThat(DynamicPrompt.parse("a __../secret__ b").combinations(words, 10))
                .as("not a wildcard: kept as written").containsExactly("a __../secret__ b");
    }
}
