package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.easel.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Dynamic prompts: {@code {red|green|blue}} picks one of its alternatives (nested ones too), {@code __name__} one line
 * of the word list {@code name}, which may hold choices and wildcards of its own. A prompt is expanded either at
 * random, stable for a seed (the same seed picks the same words, whatever else changes), or combinatorially (every
 * combination, in order). {@code \{}, {@code \}}, {@code \|} and {@code \_} are the characters themselves. The
 * template is never changed: what is sent, and saved in the picture's metadata, is the expansion.
 */
public final class DynamicPrompt {

    /** Word lists by name, as {@link WordLists} reads them from the data folder. */
    public interface Lists {
        /** The entries of the list, or empty when there is none of that name. */
        Optional<List<String>> get(String name);
    }

    public static final Lists NO_LISTS = name -> Optional.empty();
    /** How deep word lists may pull in other lists (a list naming itself would go on forever). */
    static final int MAX_DEPTH = 12;
    /** The most combinations a prompt is expanded to. */
    public static final int MAX_COMBINATIONS = 10_000;

    /** A piece of a parsed prompt. */
    private sealed interface Part permits Literal, Choice, Wildcard { }

    private record Literal(String text) implements Part { }

    private record Choice(List<List<Part>> options) implements Part { }

    private record Wildcard(String name) implements Part { }

    private final List<Part> parts;

    private DynamicPrompt(List<Part> parts) {
        this.parts = parts;
    }

    /** Whether the text has any choice or wildcard (a plain prompt is sent as it is). */
    public static boolean isDynamic(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' || text.startsWith("__", i) && text.indexOf("__", i + 2) > i + 2) {
                return true;
            }
        }
        return false;
    }

    /** Reads a prompt; an unclosed or stray brace is refused with where it is. */
    public static DynamicPrompt parse(String text) throws WorkflowException {
        var p = new Parser(text == null ? "" : text);
        List<Part> parts = p.sequence(false);
        if (p.pos < p.s.length()) {
            throw new WorkflowException(Text.of("workflow.dynamic.stray", p.s.charAt(p.pos), p.pos + 1));
        }
        return new DynamicPrompt(parts);
    }

    /** The expansion the seed picks: the same seed and lists give the same words. */
    public String random(long seed, Lists lists) throws WorkflowException {
        var random = new SplittableRandom(seed);
        var out = new StringBuilder();
        pick(parts, random, lists, out, 0);
        return out.toString();
    }

    private static void pick(List<Part> parts, SplittableRandom random, Lists lists, StringBuilder out, int depth)
            throws WorkflowException {
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Choice c -> pick(c.options().get(random.nextInt(c.options().size())), random, lists, out, depth);
                case Wildcard w -> {
                    List<String> entries = entries(w.name(), lists, depth);
                    String entry = entries.get(random.nextInt(entries.size()));
                    pick(parse(entry).parts, random, lists, out, depth + 1);
                }
            }
        }
    }

    /** Every expansion, in order (the first alternative first), at most {@code max}. */
    public List<String> combinations(Lists lists, int max) throws WorkflowException {
        List<String> out = expand(parts, lists, 0, Math.min(max, MAX_COMBINATIONS));
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static List<String> expand(List<Part> parts, Lists lists, int depth, int max) throws WorkflowException {
        List<String> acc = new ArrayList<>(List.of(""));
        for (Part part : parts) {
            List<String> here = switch (part) {
                case Literal l -> List.of(l.text());
                case Choice c -> {
                    List<String> all = new ArrayList<>();
                    for (List<Part> o : c.options()) {
                        all.addAll(expand(o, lists, depth, max));
                    }
                    yield all;
                }
                case Wildcard w -> {
                    List<String> all = new ArrayList<>();
                    for (String entry : entries(w.name(), lists, depth)) {
                        all.addAll(expand(parse(entry).parts, lists, depth + 1, max));
                    }
                    yield all;
                }
            };
            List<String> next = new ArrayList<>();
            outer:
            for (String a : acc) {
                for (String b : here) {
                    next.add(a + b);
                    if (next.size() >= max) {
                        break outer;
                    }
                }
            }
            acc = next;
        }
        return acc;
    }

    private static List<String> entries(String name, Lists lists, int depth) throws WorkflowException {
        if (depth >= MAX_DEPTH) {
            throw new WorkflowException(Text.of("workflow.dynamic.tooDeep", name, MAX_DEPTH));
        }
        List<String> entries = lists.get(name).orElseThrow(() -> new WorkflowException(
                Text.of("workflow.dynamic.noList", name)));
        if (entries.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.dynamic.emptyList", name));
        }
        return entries;
    }

    /**
     * The graph with its prompt and negative prompt expanded for its seed (a graph without a seed: for
     * {@code fallbackSeed}); a graph whose prompts are plain is returned as it is.
     */
    public static Workflow expandIn(Workflow wf, Bindings b, Lists lists, long fallbackSeed) throws WorkflowException {
        long seed = b.value(wf, Parameter.SEED).filter(JsonNode::canConvertToLong).map(JsonNode::asLong)
                .orElse(fallbackSeed);
        Workflow out = wf;
        for (Parameter p : List.of(Parameter.PROMPT, Parameter.NEGATIVE_PROMPT)) {
            Optional<JsonNode> v = b.has(p) ? b.value(out, p) : Optional.empty();
            if (v.isPresent() && v.get().isTextual() && isDynamic(v.get().asText())) {
                // the negative draws from its own stream: the positive's words do not move when it changes
                long own = p == Parameter.PROMPT ? seed : seed ^ 0x9E3779B97F4A7C15L;
                out = b.set(out, p, TextNode.valueOf(parse(v.get().asText()).random(own, lists)));
            }
        }
        return out;
    }

    /** The prompt's wildcard names, in order, each once (for the studio to say which lists it uses). */
    public List<String> wildcards() {
        List<String> names = new ArrayList<>();
        collect(parts, names);
        return names;
    }

    private static void collect(List<Part> parts, List<String> names) {
        for (Part p : parts) {
            if (p instanceof Wildcard w && !names.contains(w.name())) {
                names.add(w.name());
            } else if (p instanceof Choice c) {
                c.options().forEach(o -> collect(o, names));
            }
        }
    }

    /** A recursive-descent reader: sequence := (literal | '{' sequence ('|' sequence)* '}' | '__' name '__')*. */
    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        List<Part> sequence(boolean inChoice) throws WorkflowException {
            List<Part> out = new ArrayList<>();
            var text = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length() && "{}|_\\".indexOf(s.charAt(pos + 1)) >= 0) {
                    text.append(s.charAt(pos + 1));
                    pos += 2;
                } else if (c == '{') {
                    flush(text, out);
                    int open = pos++;
                    List<List<Part>> options = new ArrayList<>();
                    options.add(sequence(true));
                    while (pos < s.length() && s.charAt(pos) == '|') {
                        pos++;
                        options.add(sequence(true));
                    }
                    if (pos >= s.length() || s.charAt(pos) != '}') {
                        throw new WorkflowException(Text.of("workflow.dynamic.unclosed", open + 1, "{", "}"));
                    }
                    pos++;
                    out.add(new Choice(options));
                } else if ((c == '|' || c == '}') && inChoice) {
                    break;
                } else if (c == '}') {
                    break; // a stray closing brace: the caller says where
                } else if (c == '_' && s.startsWith("__", pos) && wildcardEnd(pos) > 0) {
                    flush(text, out);
                    int end = wildcardEnd(pos);
                    out.add(new Wildcard(s.substring(pos + 2, end)));
                    pos = end + 2;
                } else {
                    text.append(c);
                    pos++;
                }
            }
            flush(text, out);
            return out;
        }

        /** Where the closing {@code __} of a wildcard opened at {@code at} is, or -1 when this is no wildcard. */
        int wildcardEnd(int at) {
            int end = s.indexOf("__", at + 2);
            if (end <= at + 2) {
                return -1;
            }
            String name = s.substring(at + 2, end);
            return WordLists.validName(name) ? end : -1;
        }

        private static void flush(StringBuilder text, List<Part> out) {
            if (!text.isEmpty()) {
                out.add(new Literal(text.toString()));
                text.setLength(0);
            }
        }
    }
}
