package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.easel.api.AccountEndpoint.instant;
import static dev.easel.api.AccountEndpoint.text;

/**
 * What Runpod billed for serverless ({@code GET /v2/billing/serverless}), in time buckets per endpoint. The amounts
 * are USD and include what a job's execution time does not: cold starts, idle time, disk, the platform fee.
 */
public record BillingReport(List<Bucket> buckets, double total) {

    /** One endpoint's bill for one time bucket, from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Bucket(Instant start, Instant end, String endpointId, double total, double gpu, double cpu,
                         double disk, double fee) { }

    public BillingReport {
        buckets = List.copyOf(buckets);
    }

    /** The total billed for one endpoint in this report. */
    public double totalOf(String endpointId) {
        return buckets.stream().filter(b -> b.endpointId().equals(endpointId)).mapToDouble(Bucket::total).sum();
    }

    static BillingReport from(JsonNode n) {
        List<Bucket> list = new ArrayList<>();
        for (JsonNode r : n.path("records")) {
            list.add(new Bucket(instant(text(r, "startTime")), instant(text(r, "endTime")), text(r, "serverlessId"),
                    r.path("totalAmount").asDouble(0), r.path("gpuAmount").asDouble(0), r.path("cpuAmount").asDouble(0),
                    r.path("diskAmount").asDouble(0), r.path("feeAmount").asDouble(0)));
        }
        JsonNode totals = n.path("metadata").path("totals").path("totalAmount");
        double total = totals.isNumber() ? totals.asDouble() : list.stream().mapToDouble(Bucket::total).sum();
        return new BillingReport(list, total);
    }
}
