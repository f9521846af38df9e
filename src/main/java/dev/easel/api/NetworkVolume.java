package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.easel.api.AccountEndpoint.text;

/** A network volume ({@code GET /v2/network-volumes}): mounted at {@code /runpod-volume}; it pins workers to its data centre. */
public record NetworkVolume(String id, String name, int sizeGb, String dataCenter) {

    static NetworkVolume from(JsonNode n) {
        String id = text(n, "id");
        return id.isEmpty() ? null : new NetworkVolume(id, text(n, "name"), n.path("size").asInt(0),
                text(n, "dataCenter").isEmpty() ? text(n, "dataCenterId") : text(n, "dataCenter"));
    }
}
