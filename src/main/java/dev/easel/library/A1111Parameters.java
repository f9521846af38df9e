package dev.easel.library;

import dev.easel.workflow.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one {@code parameters} text AUTOMATIC1111-style tools and Civitai read: the prompt, then
 * "Negative prompt: …" when there is one, then "Steps: 10, Sampler: euler, CFG scale: 1, Seed: …, Size: WxH, Model: …".
 */
public final class A1111Parameters {

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
}
