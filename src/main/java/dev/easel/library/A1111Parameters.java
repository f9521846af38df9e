package dev.easel.library;

import dev.easel.workflow.Parameter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one {@code parameters} text AUTOMATIC1111-style tools and Civitai read: the prompt, then
 * "Negative prompt: …" when there is one, then "Steps: 10, Sampler: euler, CFG scale: 1, Seed: …, Size: WxH, Model: …".
 */
public final class A1111Parameters {

    private static final Pattern FIELD =
            Pattern.compile("\\s*([\\w \\-/+.]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");

    private A1111Parameters() {
    }

    /** Builds the text from bound parameter values (absent ones are left out). */
    public static String format(Map<Parameter, Object> values) {
        StringBuilder sb = new StringBuilder();
        sb.append(str(values.get(Parameter.PROMPT)));
        String negative = str(values.get(Parameter.NEGATIVE_PROMPT));
        if (!negative.isBlank()) {
            sb.append("\nNegative prompt: ").append(negative);
        }
        List<String> fields = new ArrayList<>();
        add(fields, "Steps", values.get(Parameter.STEPS));
        add(fields, "Sampler", values.get(Parameter.SAMPLER));
        add(fields, "CFG scale", values.get(Parameter.CFG));
        add(fields, "Seed", values.get(Parameter.SEED));
        if (values.get(Parameter.WIDTH) != null && values.get(Parameter.HEIGHT) != null) {
            fields.add("Size: " + values.get(Parameter.WIDTH) + "x" + values.get(Parameter.HEIGHT));
        }
        Object model = values.get(Parameter.MODEL);
        if (model != null) {
            String m = model.toString();
            int dot = m.lastIndexOf('.');
            add(fields, "Model", dot > 0 ? m.substring(0, dot) : m);
        }
        // after the common fields, the ones newer tools (A1111 1.9+, Forge) add
        add(fields, "Schedule type", values.get(Parameter.SCHEDULER));
        add(fields, "Distilled CFG Scale", values.get(Parameter.GUIDANCE));
        add(fields, "Denoising strength", values.get(Parameter.DENOISE) instanceof Number d
                && d.doubleValue() < 1 ? d : null);
        if (!fields.isEmpty()) {
            sb.append('\n').append(String.join(", ", fields));
        }
        return sb.toString();
    }

    private static void add(List<String> fields, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            fields.add(name + ": " + quote(value.toString()));
        }
    }

    /** Values holding a comma, colon or newline are JSON-quoted, as A1111 does. */
    static String quote(String v) {
        if (v.indexOf(',') < 0 && v.indexOf(':') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** What a {@code parameters} text says: the prompt, the negative prompt and the "Key: value" fields in order. */
    public record Parsed(String prompt, String negative, Map<String, String> fields) {

        /** The fields Easel binds, as values of its parameters (numbers as numbers); unknown fields are left out. */
        public Map<Parameter, Object> values() {
            Map<Parameter, Object> v = new EnumMap<>(Parameter.class);
            v.put(Parameter.PROMPT, prompt);
            if (!negative.isEmpty()) {
                v.put(Parameter.NEGATIVE_PROMPT, negative);
            }
            number(fields.get("Steps"), true).ifPresent(n -> v.put(Parameter.STEPS, n));
            number(fields.get("CFG scale"), false).ifPresent(n -> v.put(Parameter.CFG, n));
            number(fields.get("Seed"), true).ifPresent(n -> v.put(Parameter.SEED, n));
            number(fields.get("Distilled CFG Scale"), false).ifPresent(n -> v.put(Parameter.GUIDANCE, n));
            number(fields.get("Denoising strength"), false).ifPresent(n -> v.put(Parameter.DENOISE, n));
            if (fields.get("Sampler") != null) {
                v.put(Parameter.SAMPLER, fields.get("Sampler"));
            }
            if (fields.get("Schedule type") != null) {
                v.put(Parameter.SCHEDULER, fields.get("Schedule type"));
            }
            String size = fields.get("Size");
            if (size != null && size.matches("\\d+x\\d+")) {
                v.put(Parameter.WIDTH, Integer.parseInt(size.substring(0, size.indexOf('x'))));
                v.put(Parameter.HEIGHT, Integer.parseInt(size.substring(size.indexOf('x') + 1)));
            }
            return v;
        }

        private static Optional<Number> number(String s, boolean integral) {
            if (s == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(integral ? (Number) Long.parseLong(s.trim())
                        : (Number) Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Reads a {@code parameters} text as A1111, Forge and Easel write it. The last line that holds "Steps: " is the
     * fields line; the lines before it are the prompt, up to a line starting "Negative prompt: ".
     */
    public static Parsed parse(String text) {
        String[] lines = (text == null ? "" : text).replace("\r\n", "\n").split("\n", -1);
        int last = lines.length - 1;
        while (last > 0 && lines[last].isBlank()) {
            last--;
        }
        // as A1111 reads it: the last line is the fields line when it holds three "Key: value" pairs or more;
        // a shorter one (Easel leaves out fields it doesn't know) when it starts with a field A1111 writes
        int fieldsLine = last >= 1 && (FIELD.matcher(lines[last]).results().count() >= 3
                || lines[last].matches("^(Steps|Sampler|CFG scale|Seed|Size|Model): .*")) ? last : -1;
        int end = fieldsLine >= 0 ? fieldsLine : lines.length;
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = null;
        for (int i = 0; i < end; i++) {
            String line = lines[i];
            if (negative == null && line.startsWith("Negative prompt:")) {
                negative = new StringBuilder(line.substring("Negative prompt:".length()).strip());
            } else if (negative != null) {
                negative.append('\n').append(line);
            } else {
                if (i > 0) {
                    prompt.append('\n');
                }
                prompt.append(line);
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (fieldsLine >= 0) {
            readFields(lines[fieldsLine], fields);
        }
        return new Parsed(prompt.toString().strip(), negative == null ? "" : negative.toString().strip(), fields);
    }

    private static void readFields(String line, Map<String, String> into) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            int colon = line.indexOf(':', i);
            if (colon < 0) {
                return;
            }
            String key = line.substring(i, colon).strip();
            int j = colon + 1;
            while (j < n && line.charAt(j) == ' ') {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < n && line.charAt(j) == '"') {
                j++;
                while (j < n && line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < n) {
                        char e = line.charAt(++j);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                j++; // the closing quote
                int comma = line.indexOf(',', j);
                i = comma < 0 ? n : comma + 1;
            } else {
                int comma = line.indexOf(',', j);
                int stop = comma < 0 ? n : comma;
                value.append(line, j, stop);
                i = comma < 0 ? n : comma + 1;
            }
            if (!key.isEmpty()) {
                into.put(key, value.toString().strip());
            }
        }
    }
}
