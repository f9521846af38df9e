package dev.easel.ui;

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

    private static final Path BUNDLE = Path.of("src/main/resources/dev/easel/ui/messages.properties");
    /** {@code Messages.get("a.key"} and the keys the shortcuts name, {@code key("shortcut.x")}. */
    private static final Pattern USE = Pattern.compile("(?:Messages\\.get|\\bkey)\\(\\s*\"([a-zA-Z0-9.]+)\"");

    private static List<String> bundleKeys() throws IOException {
        return Files.readAllLines(BUNDLE, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" "))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
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
}
