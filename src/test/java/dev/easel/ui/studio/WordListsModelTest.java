package dev.easel.ui.studio;

import dev.easel.workflow.WordLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-list manager: the lists there are, new, edit and save, nothing typed lost, delete, what the prompt uses. */
class WordListsModelTest {

    @TempDir
    Path dir;

    private final AtomicReference<String> prompt = new AtomicReference<>("a __animal__ in __places/city__");

    private WordListsModel model() {
        return new WordListsModel(new WordLists(dir.resolve("wildcards")), prompt::get, Runnable::run, Runnable::run);
    }

    @Test
    void listsAreMadeEditedSavedAndDeletedAndThePromptsMissingOnesAreSaid() throws Exception {
        WordListsModel vm = model();
        vm.refresh().join();
        assertThat(vm.names()).isEmpty();
        assertThat(vm.usedProperty().get()).isEqualTo("The prompt uses: animal, places/city. Missing: animal, "
                + "places/city (Generate would stop: make it with New).");

        vm.create("__animal__").join(); // as the prompt writes it
        assertThat(vm.names()).containsExactly("animal");
        assertThat(vm.selectedProperty().get()).isEqualTo("animal");
        assertThat(vm.textProperty().get()).startsWith("# one entry a line");
        vm.textProperty().set("fox\nowl\n");
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.save().join();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(Files.readString(dir.resolve("wildcards/animal.txt"))).isEqualTo("fox\nowl\n");
        assertThat(new WordLists(dir.resolve("wildcards")).get("animal")).contains(List.of("fox", "owl"));

        vm.textProperty().set("fox\nowl\nheron\n"); // typed, not saved, then another list is made and opened
        vm.create("places/city").join();
        assertThat(Files.readString(dir.resolve("wildcards/animal.txt"))).as("saved on the way").endsWith("heron\n");
        assertThat(vm.names()).containsExactly("animal", "places/city");
        assertThat(vm.usedProperty().get()).isEqualTo("The prompt uses: animal, places/city.");

        vm.create("../outside").join();
        assertThat(vm.messageProperty().get()).startsWith("\"../outside\" can't name a word list");
        assertThat(dir.resolve("outside.txt")).doesNotExist();

        vm.delete().join();
        assertThat(dir.resolve("wildcards/places/city.txt")).doesNotExist();
        assertThat(vm.names()).containsExactly("animal");
        assertThat(vm.selectedProperty().get()).isNull();
        prompt.set("a plain prompt");
        vm.refresh().join();
        assertThat(vm.usedProperty().get()).isEqualTo("The prompt uses no word list.");
    }
}
