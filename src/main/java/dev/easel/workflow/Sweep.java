package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.easel.text.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep: up to three axes (X, Y, Z) over bound parameters, or over the prompt (A1111's "Prompt S/R": the first
 * value is searched for and each value put in its place; or a list of whole prompts). Its cells are the graph with
 * one value of each axis set, X fastest: the ordinary jobs of a grid.
 */
public final class Sweep {

    /** The most axes, and the most cells a sweep may have. */
    public static final int MAX_AXES = 3;
    public static final int MAX_CELLS = 1000;

    /** What an axis varies. */
    public enum Kind { PARAMETER, SIZE, PROMPT_REPLACE, PROMPT_LIST, ROWS }

    /**
     * One axis: its values in order, each with the label the grid shows.
     *
     * @param parameter for {@link Kind#PARAMETER}, the parameter set; else null
     * @param values    the values as set ({@link Kind#SIZE}: {@code [width, height]} arrays)
     */
    public record Axis(Kind kind, Parameter parameter, List<JsonNode> values, List<String> labels) {
        public Axis {
            values = List.copyOf(values);
            labels = List.copyOf(labels);
        }

        /** "steps", "prompt S/R", "prompt". */
        public String name() {
            return switch (kind) {
                case PARAMETER -> parameter.key();
                case SIZE -> "size";
                case PROMPT_REPLACE -> "prompt S/R";
                case PROMPT_LIST -> "prompt";
                case ROWS -> "row";
            };
        }
    }

    /** One cell: where it is in the grid (x, y, z) and the graph it runs. */
    public record Cell(int x, int y, int z, Workflow workflow, List<String> labels) { }

    private Sweep() {
    }

    /**
     * Reads an axis as {@code easel generate --sweep} and the sweep dialog write it: {@code steps=10,20,30},
     * {@code cfg=1,3.5}, {@code sampler=euler,dpmpp_2m}, {@code size=512x512,768x768}, {@code seed=1,2,3} or
     * {@code seeds=4} (four seeds from the graph's own), {@code prompt-sr=red,blue,golden}, {@code prompts=a fox|an owl}.
     */
    public static Axis parse(String spec, Workflow base, Bindings b) throws WorkflowException {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new WorkflowException(Text.of("workflow.sweep.form", spec));
        }
        String name = spec.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String rest = spec.substring(eq + 1);
        if (name.equals("rows")) {
            return rows(rest, b);
        }
        List<String> items = (name.equals("prompts") ? prompts(rest) : List.of(rest.split(",")))
                .stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.sweep.noValues", name));
        }
        return switch (name) {
            case "prompt-sr" -> {
                String prompt = b.value(base, Parameter.PROMPT).map(JsonNode::asText).orElse("");
                if (!prompt.contains(items.getFirst())) {
                    throw new WorkflowException(Text.of("workflow.sweep.notInPrompt", items.getFirst()));
                }
                yield new Axis(Kind.PROMPT_REPLACE, null, items.stream().<JsonNode>map(TextNode::valueOf).toList(),
                        items);
            }
            case "prompts" -> {
                // a bar escaped so the list would not split there is the prompt's own (a dynamic one unescapes it)
                List<String> own = items.stream().map(v -> DynamicPrompt.isDynamic(v) ? v : v.replace("\\|", "|"))
                        .toList();
                yield new Axis(Kind.PROMPT_LIST, null, own.stream().<JsonNode>map(TextNode::valueOf).toList(),
                        own.stream().map(Sweep::shortLabel).toList());
            }
            case "seeds" -> {
                int n = (int) integer(name, items.getFirst(), 1, MAX_CELLS);
                long first = b.value(base, Parameter.SEED).map(JsonNode::asLong).orElse(0L);
                List<JsonNode> seeds = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    seeds.add(LongNode.valueOf(first + i));
                }
                yield axis(Parameter.SEED, seeds, b);
            }
            case "size" -> {
                List<JsonNode> sizes = new ArrayList<>();
                for (String v : items) {
                    String[] wh = v.toLowerCase(Locale.ROOT).split("x");
                    if (wh.length != 2) {
                        throw new WorkflowException(Text.of("workflow.sweep.size", v));
                    }
                    sizes.add(JsonNodeFactory.instance.arrayNode().add(integer(name, wh[0], 16, 16384))
                            .add(integer(name, wh[1], 16, 16384)));
                }
                if (!b.has(Parameter.WIDTH) || !b.has(Parameter.HEIGHT)) {
                    throw new WorkflowException(Text.of("workflow.sweep.notBound", "size"));
                }
                yield new Axis(Kind.SIZE, null, sizes, items);
            }
            default -> {
                Parameter p = Parameter.ofKey(name);
                if (p == null || p == Parameter.PROMPT || p == Parameter.NEGATIVE_PROMPT || p == Parameter.BATCH_SIZE
                        || p == Parameter.FILENAME_PREFIX) {
                    throw new WorkflowException(Text.of("workflow.sweep.unknown", name));
                }
                List<JsonNode> values = new ArrayList<>();
                for (String v : items) {
                    values.add(value(name, p, v));
                }
                yield axis(p, values, b);
            }
        };
    }

    private static JsonNode value(String name, Parameter p, String v) throws WorkflowException {
        return switch (p) {
            case SEED, STEPS -> LongNode.valueOf(integer(name, v, p == Parameter.STEPS ? 1 : 0, Long.MAX_VALUE));
            case CFG, DENOISE, GUIDANCE -> DoubleNode.valueOf(number(name, v));
            case WIDTH, HEIGHT -> LongNode.valueOf(integer(name, v, 16, 16384));
            default -> TextNode.valueOf(v);
        };
    }

    /**
     * A batch: {@code rows=[{"prompt":"a fox","steps":"20"},…]}, one cell per row, each setting the parameters its
     * row names (as a CSV file's columns do, {@link PromptList#rows}).
     */
    private static Axis rows(String json, Bindings b) throws WorkflowException {
        JsonNode list;
        try {
            list = WorkflowJson.parse(json);
        } catch (WorkflowException e) {
            throw new WorkflowException(Text.of("workflow.sweep.rows.form"));
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.sweep.rows.form"));
        }
        List<JsonNode> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (JsonNode row : list) {
            if (!row.isObject()) {
                throw new WorkflowException(Text.of("workflow.sweep.rows.form"));
            }
            ObjectNode set = JsonNodeFactory.instance.objectNode();
            for (var e : row.properties()) {
                Parameter p = Parameter.ofKey(e.getKey());
                if (p == null || p == Parameter.BATCH_SIZE || p == Parameter.FILENAME_PREFIX) {
                    throw new WorkflowException(Text.of("workflow.sweep.rows.column", e.getKey()));
                }
                if (!b.has(p)) {
                    throw new WorkflowException(Text.of("workflow.sweep.notBound", p.key()));
                }
                set.set(p.key(), value(p.key(), p, e.getValue().asText()));
            }
            values.add(set);
            String prompt = set.path(Parameter.PROMPT.key()).asText("");
            labels.add(values.size() + (prompt.isEmpty() ? "" : ": " + shortLabel(prompt)));
        }
        if (values.size() > MAX_CELLS) {
            throw new WorkflowException(Text.of("workflow.sweep.tooManyCells", values.size(), MAX_CELLS));
        }
        return new Axis(Kind.ROWS, null, values, labels);
    }

    /** A list of prompts split at each {@code |} outside braces: a prompt's own {@code {a|b}} stays whole. */
    static List<String> prompts(String written) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\') {
                i++; // an escaped character is the prompt's own
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(written.substring(from, i));
                from = i + 1;
            }
        }
        out.add(written.substring(from));
        return out;
    }

    private static Axis axis(Parameter p, List<JsonNode> values, Bindings b) throws WorkflowException {
        if (!b.has(p)) {
            throw new WorkflowException(Text.of("workflow.sweep.notBound", p.key()));
        }
        return new Axis(Kind.PARAMETER, p, values, values.stream().map(v -> v.isTextual() ? v.asText()
                : v.isIntegralNumber() ? Long.toString(v.asLong()) : trim(v.asDouble())).toList());
    }

    /** Every cell of the axes over {@code base}, X fastest, then Y, then Z. */
    public static List<Cell> cells(Workflow base, Bindings b, List<Axis> axes) throws WorkflowException {
        if (axes.size() > MAX_AXES) {
            throw new WorkflowException(Text.of("workflow.sweep.tooManyAxes", MAX_AXES));
        }
        long count = 1;
        for (Axis a : axes) {
            count *= a.values().size();
        }
        if (count > MAX_CELLS) {
            throw new WorkflowException(Text.of("workflow.sweep.tooManyCells", count, MAX_CELLS));
        }
        int nx = axes.isEmpty() ? 1 : axes.get(0).values().size();
        int ny = axes.size() < 2 ? 1 : axes.get(1).values().size();
        int nz = axes.size() < 3 ? 1 : axes.get(2).values().size();
        List<Cell> out = new ArrayList<>();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int[] at = {x, y, z};
                    Workflow wf = base;
                    List<String> labels = new ArrayList<>();
                    for (int i = 0; i < axes.size(); i++) {
                        Axis a = axes.get(i);
                        wf = apply(wf, b, a, at[i]);
                        labels.add(a.labels().get(at[i]));
                    }
                    out.add(new Cell(x, y, z, wf, labels));
                }
            }
        }
        return out;
    }

    private static Workflow apply(Workflow wf, Bindings b, Axis a, int i) {
        JsonNode v = a.values().get(i);
        return switch (a.kind()) {
            case PARAMETER -> b.set(wf, a.parameter(), v);
            case SIZE -> b.set(b.set(wf, Parameter.WIDTH, v.get(0)), Parameter.HEIGHT, v.get(1));
            case PROMPT_REPLACE -> {
                String prompt = b.value(wf, Parameter.PROMPT).map(JsonNode::asText).orElse("");
                yield b.set(wf, Parameter.PROMPT, TextNode.valueOf(prompt.replace(a.values().getFirst().asText(),
                        v.asText())));
            }
            case PROMPT_LIST -> b.set(wf, Parameter.PROMPT, v);
            case ROWS -> {
                Workflow out = wf;
                for (var e : v.properties()) {
                    out = b.set(out, Parameter.ofKey(e.getKey()), e.getValue());
                }
                yield out;
            }
        };
    }

    /** The values each axis set in a cell, by axis name: for the grid's metadata. */
    public static Map<String, String> describe(List<Axis> axes, Cell c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < axes.size(); i++) {
            out.put(axes.get(i).name(), c.labels().get(i));
        }
        return out;
    }

    private static long integer(String name, String v, long min, long max) throws WorkflowException {
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new WorkflowException(Text.of("workflow.sweep.range", name, v, min, max));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WorkflowException(Text.of("workflow.sweep.notNumber", name, v));
        }
    }

    private static double number(String name, String v) throws WorkflowException {
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException(v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new WorkflowException(Text.of("workflow.sweep.notNumber", name, v));
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String shortLabel(String prompt) {
        return prompt.length() <= 40 ? prompt : prompt.substring(0, 39) + "\u2026";
    }
}
