package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workflow to start from: bundled with Easel or saved by the user.
 *
 * @param uiGraph the editor graph when known (written into saved PNGs as ComfyUI's {@code workflow}), else null
 */
public record Template(String id, String name, String description, Workflow workflow, JsonNode uiGraph,
                       boolean bundled) { }
