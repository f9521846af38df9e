package dev.easel.workflow;

import dev.easel.text.Text;

/**
 * One thing wrong with a workflow, tied to a node (and input) when it can be.
 *
 * @param severity ERROR stops sending; WARNING is shown but the endpoint may still accept it
 * @param message  what is wrong, said of the node or input (or of the workflow when there is none)
 */
public record Problem(Severity severity, String nodeId, String input, Text message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String nodeId, String input, Text message) {
        return new Problem(Severity.ERROR, nodeId, input, message);
    }

    public static Problem warning(String nodeId, String input, Text message) {
        return new Problem(Severity.WARNING, nodeId, input, message);
    }

    /** The problem with its place: "Node 31 steps: is 0; the smallest allowed is 1." */
    public Text text() {
        if (nodeId == null) {
            return message;
        }
        return input == null ? Text.of("workflow.problem.atNode", nodeId, message)
                : Text.of("workflow.problem.atInput", nodeId, input, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@link #text()} in words. */
    @Override
    public String toString() {
        return text().toString();
    }
}
