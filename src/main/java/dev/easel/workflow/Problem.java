package dev.easel.workflow;

/**
 * One thing wrong with a workflow, tied to a node (and input) when it can be.
 *
 * @param severity ERROR stops sending; WARNING is shown but the endpoint may still accept it
 */
public record Problem(Severity severity, String nodeId, String input, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String nodeId, String input, String message) {
        return new Problem(Severity.ERROR, nodeId, input, message);
    }

    public static Problem warning(String nodeId, String input, String message) {
        return new Problem(Severity.WARNING, nodeId, input, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "Node 31 (KSampler) steps: …" style text. */
    @Override
    public String toString() {
        return (nodeId == null ? "" : "Node " + nodeId + (input == null ? "" : " " + input) + ": ") + message;
    }
}
