package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.EnumSet;
import java.util.Set;

/**
 * A workflow to start from: bundled with Easel or saved by the user.
 *
 * @param uiGraph the editor graph when known (written into saved PNGs as ComfyUI's {@code workflow}), else null
 * @param shown   the parameters the panel shows for it; empty: every one the graph has (the others keep the
 *                template's values)
 */
public record Template(String id, String name, String description, Workflow workflow, JsonNode uiGraph,
                       boolean bundled, Set<Parameter> shown) {

    public Template {
        shown = shown == null || shown.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(shown));
    }

    /** A template that shows every parameter its graph has. */
    public Template(String id, String name, String description, Workflow workflow, JsonNode uiGraph, boolean bundled) {
        this(id, name, description, workflow, uiGraph, bundled, Set.of());
    }

    /** Whether the panel shows this parameter (when the graph has it). */
    public boolean shows(Parameter p) {
        return shown.isEmpty() || shown.contains(p);
    }

    /** A template the user saved (it can be renamed and deleted), not one bundled with Easel. */
    public boolean user() {
        return !bundled;
    }
}
