package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** The kinds of workflow JSON a user may bring. */
public enum WorkflowFormat {
    /** ComfyUI's API format ("Save (API)"): what Runpod takes. */
    API,
    /** ComfyUI's editor format ("Save"): nodes[] and links[]. */
    UI,
    /** A Runpod request body, {@code {"input":{"workflow":…}}}, holding an API graph. */
    REQUEST,
    /** Anything else. */
    UNKNOWN;

    /** Detects the format of parsed JSON. */
    public static WorkflowFormat detect(JsonNode json) {
        if (json == null || !json.isObject()) {
            return UNKNOWN;
        }
        if (json.path("nodes").isArray() && json.has("links")) {
            return UI;
        }
        if (json.path("input").path("workflow").isObject()) {
            return REQUEST;
        }
        if (json.isEmpty()) {
            return UNKNOWN;
        }
        boolean anyNode = false;
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!e.getValue().isObject()) {
                return UNKNOWN;
            }
            anyNode |= e.getValue().has("class_type") || e.getValue().has("inputs");
        }
        return anyNode ? API : UNKNOWN;
    }

    /** A word for messages and the inspect command. */
    public String label() {
        return switch (this) {
            case API -> "api";
            case UI -> "ui";
            case REQUEST -> "runpod-request";
            case UNKNOWN -> "unknown";
        };
    }
}
