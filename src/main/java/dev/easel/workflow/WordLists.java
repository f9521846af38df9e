package dev.easel.workflow;

import dev.easel.io.AtomicFiles;
import dev.easel.text.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The word lists of {@code __name__} wildcards: {@code name.txt} files in a folder (subfolders for {@code a/b}), one
 * entry a line; blank lines and lines starting with {@code #} are skipped. A name is letters, digits, {@code _} and
 * {@code -}, in parts joined by {@code /}: nothing can reach outside the folder. A list over 1 MB or 10,000 entries
 * is cut there. Read when asked (off the FX thread), so an edited file counts at the next Generate.
 */
public final class WordLists implements DynamicPrompt.Lists {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*");
    static final long MAX_BYTES = 1 << 20;
    static final int MAX_ENTRIES = 10_000;

    private final Path folder;

    public WordLists(Path folder) {
        this.folder = folder;
    }

    /** Whether {@code name} may name a list. */
    public static boolean validName(String name) {
        return name.length() <= 100 && NAME.matcher(name).matches();
    }

    @Override
    public Optional<List<String>> get(String name) {
        if (!validName(name)) {
            return Optional.empty();
        }
        Path file = folder.resolve(name + ".txt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#") && out.size() < MAX_ENTRIES) {
                    out.add(entry);
                }
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lists there are, by name, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 4)) {
            return files.filter(f -> f.toString().endsWith(".txt") && Files.isRegularFile(f))
                    .map(f -> folder.relativize(f).toString().replace('\\', '/').replaceFirst("\\.txt$", ""))
                    .filter(WordLists::validName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list's file as it is written, comments and all, for editing; empty for a list not made yet. */
    public String text(String name) throws WorkflowException, IOException {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new WorkflowException(Text.of("workflow.wordlist.tooBig", name, MAX_BYTES >> 20));
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Writes the list (replacing it atomically), making its folders. */
    public void save(String name, String text) throws WorkflowException, IOException {
        Path file = file(name);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new WorkflowException(Text.of("workflow.wordlist.tooBig", name, MAX_BYTES >> 20));
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, bytes);
    }

    /** Deletes the list's file (a prompt naming it then stops Generate with a sentence). */
    public void delete(String name) throws WorkflowException, IOException {
        Files.deleteIfExists(file(name));
    }

    private Path file(String name) throws WorkflowException {
        if (name == null || !validName(name)) {
            throw new WorkflowException(Text.of("workflow.wordlist.badName", String.valueOf(name)));
        }
        return folder.resolve(name + ".txt");
    }

    public Path folder() {
        return folder;
    }
}
