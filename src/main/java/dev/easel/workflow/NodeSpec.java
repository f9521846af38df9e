package dev.easel.workflow;

import java.util.List;
import java.util.Optional;

/**
 * What Easel knows of one ComfyUI node class: its inputs in ComfyUI's declaration order (which is also the
 * order of {@code widgets_values} in UI-format files), its output types, and whether it is an output node.
 */
public record NodeSpec(String classType, List<Input> inputs, List<String> outputs, boolean outputNode) {

    /**
     * One input. {@code type} is a link type (MODEL, CONDITIONING, …) or a widget type (INT, FLOAT, STRING,
     * COMBO, BOOLEAN). {@code list} names a combo's value list ({@code samplers}, {@code checkpoints}, …).
     * {@code seedControl} marks seed widgets, followed in UI files by a UI-only "control_after_generate" value.
     */
    public record Input(String name, String type, boolean optional, Double min, Double max, Double step, String list,
                        boolean seedControl) {

        public boolean isWidget() {
            return switch (type) {
                case "INT", "FLOAT", "STRING", "COMBO", "BOOLEAN" -> true;
                default -> false;
            };
        }
    }

    public Optional<Input> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Widget inputs in UI order. */
    public List<Input> widgets() {
        return inputs.stream().filter(Input::isWidget).toList();
    }
}
