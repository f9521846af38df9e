package dev.easel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core packages give sentences as keys of the bundle ({@code Text.of("jobs.failed")}), not as English: a string
 * literal there that reads like a sentence for the user fails this test. What is not for the user stays: log lines,
 * programming errors (lower case: "no job 3 in the queue"), and the words other software writes, which Easel reads
 * (listed below with where they come from).
 */
class CoreSaysNoWordsTest {

    private static final List<String> CORE = List.of("api", "workflow", "jobs", "library", "settings", "io");
    /** Three words or more from a capital, or three and a full stop (the rest of a sentence): words someone reads. */
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SENTENCE = Pattern.compile("^\\s*[A-Z][a-z']*(?: +[A-Za-z0-9'(),:;\\-]+){2,}.*"
            + "|^\\s*(?:[a-z']+ +){2,}[a-z']+.*[a-z)][.!?]\\s*$");
    /** Words of other software that Easel matches or writes as they are. */
    private static final Set<String> THEIRS = Set.of(
            "Workflow validation failed", // worker-comfyui's failure, matched
            "No checkpoint models appear to be available", // worker-comfyui's failure, matched
            "Available checkpoint models: (.+)", // worker-comfyui's failure, matched
            "Job processing failed", // worker-comfyui's generic error, matched
            "Easel (Runpod API key)", // the keychain entry's service name
            "Negative prompt:", "Negative prompt: ", "Schedule type", "Denoising strength", "Distilled CFG Scale",
            "Euler a", // A1111's fields
            "Demo endpoint", // the demo profile's name, kept in the settings file
            "COMPLETED without an output field"); // the detail for the log, not a sentence

    @Test
    void noSentenceForTheUserIsWrittenInACorePackage() throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : CORE) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/easel", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (line.startsWith("*") || line.startsWith("/") || line.contains("log.")
                                || line.contains("getLogger(")) {
                            continue;
                        }
                        Matcher m = LITERAL.matcher(line);
                        while (m.find()) {
                            String s = m.group(1);
                            if (!THEIRS.contains(s) && SENTENCE.matcher(s).matches() && !isSql(s)) {
                                found.add(f.getFileName() + ":" + (i + 1) + " \"" + s + "\"");
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).as("sentences in core packages: give a Text.of(key, args) instead").isEmpty();
    }

    private static boolean isSql(String s) {
        return s.matches("(?s).*\\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|FROM|WHERE|JOIN|AND|ORDER BY)\\b.*");
    }

    @Test
    void theCheckSeesASentence() {
        assertThat(SENTENCE.matcher("The job failed.").matches()).isTrue();
        assertThat(SENTENCE.matcher(" of the answer has no data.").matches()).isTrue();
        assertThat(SENTENCE.matcher("Can't read ").matches()).isFalse(); // two words: caught where it goes on
        assertThat(SENTENCE.matcher("jobs.failed").matches()).isFalse();
        assertThat(SENTENCE.matcher("image/png").matches()).isFalse();
    }
}
