package dev.easel.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundle and the code agree: every key used exists, every key is used, and each is written once. */
class MessagesTest {

    private static final Path BUNDLE = Path.of("src/main/resources/dev/easel/text/messages.properties");
    /**
     * {@code Messages.get("a.key"}, the core's {@code Text.of("a.key"}, the keys the shortcuts name
     * ({@code key("shortcut.x")}): each must be in the bundle.
     */
    private static final Pattern USE = Pattern.compile("(?:Messages\\.get|Text\\.of|\\bkey)\\(\\s*\"([a-zA-Z0-9.]+)\"");
    /**
     * A key the core names as a constant or hands on ({@code ARRIVED_ID_LOST = "jobs.arrivedIdLost"},
     * {@code tryAgainLater(…, "jobs.retry.last")}): a string that is only a dotted name under a core prefix.
     */
    private static final Pattern NAMED = Pattern.compile(
            "\"((?:api|jobs|workflow|library|settings|io|text|app|file|cli)\\.(?!json\"|db\"|lock\")[a-zA-Z0-9.]+)\"");

    private static List<String> bundleKeys() throws IOException {
        return Files.readAllLines(BUNDLE, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" "))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                for (Pattern p : List.of(USE, NAMED)) {
                    Matcher m = p.matcher(source);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return used;
    }

    @Test
    void everyKeyUsedExistsAndEveryKeyIsUsed() throws IOException {
        Set<String> keys = new TreeSet<>(bundleKeys());
        assertThat(usedKeys()).isNotEmpty().isSubsetOf(keys);
        assertThat(keys).as("keys nothing uses").isSubsetOf(usedKeys());
    }

    @Test
    void everyKeyIsWrittenOnce() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        bundleKeys().forEach(k -> seen.merge(k, 1, Integer::sum));
        assertThat(seen).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    }

    @Test
    void aPatternWithArgumentsDoublesItsApostrophes() throws IOException {
        // MessageFormat reads a lone ' as the start of quoted text: "Can't {0}" would print "Cant {0}"
        Pattern argument = Pattern.compile("\\{\\d");
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        List<String> wrong = Files.readAllLines(BUNDLE, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("=") && !l.startsWith("#"))
                .filter(l -> argument.matcher(l).find() && lone.matcher(l).find()).toList();
        assertThat(wrong).isEmpty();
        assertThat(Messages.get("gallery.settingsUnreadable", "x")).startsWith("Can't read");
    }

    @Test
    void pluralsAndArgumentsAreFormatted() {
        assertThat(Messages.get("window.close.header", 1)).isEqualTo("1 job is still running or queued.");
        assertThat(Messages.get("window.close.header", 3)).isEqualTo("3 jobs are still running or queued.");
        assertThat(Messages.get("window.close.header", 1204)).startsWith("1").contains("204")
                .endsWith(" jobs are still running or queued."); // the user's digit grouping
        assertThat(Messages.get("window.resumeFailed", "disk full.")).contains("can't be made");
        assertThat(Messages.get("shortcut.openPicture")).contains("← →");
        assertThat(Messages.get("gallery.images", 1)).isEqualTo("1 image");
        assertThat(Messages.get("gallery.tagged", Messages.get("gallery.images", 2), "harbour"))
                .isEqualTo("Tagged 2 images “harbour”.");
    }

    @Test
    void aCoreSentenceIsPutIntoWordsWithItsNestedSentences() {
        Text cause = Text.of("jobs.cause.http", 503);
        Text note = Text.of("jobs.retry.cancelling", cause);
        assertThat(Messages.get(note)).isEqualTo("Cancelling \u2014 last: HTTP 503");
        assertThat(note).hasToString(Messages.get(note));
        assertThat(Messages.get(Text.literal("the worker's own words {0}"))).isEqualTo("the worker's own words {0}");
        assertThat(Messages.get((Text) null)).isNull();
        assertThat(Text.of("api.http.403", "abc").then(Text.of("api.http.serverSaid", "no")))
                .hasToString("The API key may not use endpoint abc (403). Check the key's permissions in the Runpod "
                        + "console. Runpod said: no");
    }

    @Test
    void aSentenceSaysPluralsAndKeepsItsArgumentsTyped() {
        assertThat(Text.of("workflow.editor.muted", 1)).hasToString("Left out 1 muted node.");
        assertThat(Text.of("workflow.editor.muted", 2)).hasToString("Left out 2 muted nodes.");
        assertThat(Text.of("file.none", Path.of("a", "b.png")).args()).containsExactly(Path.of("a", "b.png").toString());
        assertThat(Text.of("jobs.cause.http", (Object) null).args()).containsExactly("");
        Text secret = Text.of("api.http.serverSaid", "key rpa_0123456789ABCDEF").then(Text.of("jobs.failed"));
        assertThat(secret.mapWords(w -> w.replace("rpa_0123456789ABCDEF", "[redacted]")))
                .hasToString("Runpod said: key [redacted] The job failed.");
    }

    @Test
    void anExceptionIsSaidByItsSentence() {
        var refused = new Refused(Text.of("library.tag.length"));
        assertThat(Messages.of(refused)).isEqualTo("A tag is 1 to 64 characters long.").isEqualTo(refused.getMessage());
        assertThat(Messages.of(new IllegalStateException("plain"))).isEqualTo("plain");
        assertThat(Messages.of(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Text.cause(refused)).isSameAs(refused.text());
    }
}
