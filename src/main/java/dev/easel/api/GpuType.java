package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.easel.api.AccountEndpoint.text;

/**
 * A GPU type of Runpod's catalog ({@code GET /v2/catalog/gpus}).
 *
 * @param pool             the serverless pool it belongs to ({@code ADA_24}), "" when none
 * @param serverlessPerHour the list price per GPU-hour on serverless, or NaN when Runpod gives none
 * @param availability     {@code NONE}, {@code LOW}, {@code MEDIUM}, {@code HIGH}, or "" when not asked
 */
public record GpuType(String id, String name, String pool, int memoryGb, double serverlessPerHour, String availability) {

    /** Whether workers can run on it at all: in a pool, with a price. */
    public boolean serverless() {
        return !pool.isEmpty() && !Double.isNaN(serverlessPerHour);
    }

    static GpuType from(JsonNode n) {
        String id = text(n, "id");
        if (id.isEmpty()) {
            return null;
        }
        JsonNode price = n.path("price").path("serverless");
        return new GpuType(id, text(n, "name").isEmpty() ? id : text(n, "name"), text(n, "pool"),
                n.path("memory").asInt(0), price.isNumber() ? price.asDouble() : Double.NaN, text(n, "availability"));
    }
}
