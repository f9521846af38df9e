package dev.easel.workflow;

import dev.easel.text.Text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prompt's text means beyond its words: ComfyUI's {@code (word:1.2)} weights and {@code (word)} emphasis, and
 * A1111's {@code <lora:name:0.8>} tags, which ComfyUI leaves in the text as words unless the graph loads the LoRA
 * with a node of its own. The prompt box highlights these; a tag in a graph without a LoRA loader gets a note.
 */
public final class PromptSyntax {

    /** What a span of the prompt is. */
    public enum Kind { WEIGHT, EMPHASIS, LORA }

    /** A span of the prompt, {@code [start, end)} in characters. */
    public record Span(int start, int end, Kind kind) { }

    /** {@code <lora:name>} or {@code <lora:name:0.8>} (and LyCORIS's {@code <lyco:…>}). */
    private static final Pattern LORA = Pattern.compile("<(?:lora|lyco):([^:<>]+)(?::[^<>]*)?>", Pattern.CASE_INSENSITIVE);
    /** {@code (words:1.2)}: no nested brackets inside, an unescaped opening one. */
    private static final Pattern WEIGHT = Pattern.compile("(?<!\\\\)\\(([^()]*?):\\s*[-+]?(?:\\d+\\.?\\d*|\\.\\d+)\\s*\\)");

    private PromptSyntax() {
    }

    /** The weights, emphasis and LoRA tags of a prompt, in order, never overlapping (a weight wins over emphasis). */
    public static List<Span> spans(String prompt) {
        List<Span> found = new ArrayList<>();
        if (prompt == null || prompt.isEmpty()) {
            return found;
        }
        add(found, LORA.matcher(prompt), Kind.LORA);
        add(found, WEIGHT.matcher(prompt), Kind.WEIGHT);
        emphasis(prompt, found);
        found.sort(Comparator.comparingInt(Span::start));
        return found;
    }

    private static void add(List<Span> found, Matcher m, Kind kind) {
        while (m.find()) {
            Span s = new Span(m.start(), m.end(), kind);
            if (found.stream().noneMatch(o -> o.start() < s.end() && s.start() < o.end())) {
                found.add(s);
            }
        }
    }

    /**
     * {@code (words)} or {@code ((words))}, emphasis (×1.1 a bracket): each outermost group of balanced brackets
     * (a backslash escapes one) that holds no weight. An unclosed bracket is a plain character.
     */
    private static void emphasis(String p, List<Span> found) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                int start = open.pop();
                if (open.isEmpty()) {
                    Span s = new Span(start, i + 1, Kind.EMPHASIS);
                    if (found.stream().noneMatch(o -> o.start() < s.end() && s.start() < o.end())) {
                        found.add(s);
                    }
                }
            }
        }
    }

    /** The LoRA names the prompt's tags ask for, in order. */
    public static List<String> loras(String prompt) {
        List<String> names = new ArrayList<>();
        if (prompt != null) {
            Matcher m = LORA.matcher(prompt);
            while (m.find()) {
                names.add(m.group(1).strip());
            }
        }
        return names;
    }

    /** Whether the graph loads a LoRA with a node (core's LoraLoader, LoraLoaderModelOnly, or a custom one). */
    public static boolean loadsLoras(Workflow w) {
        return w.nodes().stream().anyMatch(n -> n.classType().toLowerCase(Locale.ROOT).contains("lora"));
    }

    /**
     * What to say of the prompt's LoRA tags in this graph: ComfyUI ignores them (they stay words of the prompt)
     * unless a node loads the LoRA; null when there is nothing to say.
     */
    public static Text loraNote(String prompt, Workflow w) {
        List<String> names = loras(prompt);
        if (names.isEmpty() || loadsLoras(w)) {
            return null;
        }
        return Text.of("prompt.loraIgnored", names.getFirst(), names.size());
    }
}
