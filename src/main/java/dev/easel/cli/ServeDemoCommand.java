package dev.easel.cli;

import dev.easel.demo.DemoAccount;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.demo.Faults;
import dev.easel.demo.OutputMode;
import dev.easel.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code easel serve-demo}: runs the demo endpoint in the foreground until Ctrl+C. */
@Command(name = "serve-demo", mixinStandardHelpOptions = true,
        description = {"Runs Easel's demo endpoint on 127.0.0.1: it answers like Runpod Serverless with "
                + "worker-comfyui and renders procedural pictures (not a model).",
                "Try: curl -X POST http://localhost:8000/v2/ENDPOINT_ID/run -H 'Content-Type: application/json' "
                        + "-H 'Authorization: Bearer KEY' -d @comfyui_workflow.json"})
public final class ServeDemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8000", description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--workers", defaultValue = "2", description = "Simulated GPU workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--api-key", description = "Accept only this API key (default: any non-empty key).")
    String apiKey;

    @Option(names = "--endpoint-id", split = ",", description = "Accept only these endpoint ids (default: any).")
    Set<String> endpointIds = Set.of();

    @Option(names = "--time-scale", defaultValue = "1.0",
            description = "Speed of the simulated GPU: 1.0 feels real, 0.1 is ten times faster (default ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--cold-start", defaultValue = "3",
            description = "Seconds a worker takes to boot before its first job (default ${DEFAULT-VALUE}).")
    double coldStartSeconds;

    @Option(names = "--retention", defaultValue = "30",
            description = "Minutes results are kept after a job ends (default ${DEFAULT-VALUE}).")
    double retentionMinutes;

    @Option(names = "--output", defaultValue = "BASE64",
            description = "How images are returned: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    OutputMode output;

    @Option(names = "--progress", description = "Send progress payloads while jobs run (worker-comfyui does not).")
    boolean progress;

    @Option(names = "--fault-rate", defaultValue = "0",
            description = "Inject faults (500, 429, HTML pages, dropped connections, slow and malformed answers) at "
                    + "this rate each (0..1).")
    double faultRate;

    @Option(names = "--throttled", description = "Simulate a GPU shortage: no worker starts, the REST API shows "
            + "THROTTLED workers and no availability.")
    boolean throttled;

    @Option(names = "--scaled-down", description = "Simulate Runpod's idle scale-down of the demo endpoint: its max "
            + "workers set to this (2 after 3 idle days, 0 after 7); jobs then wait in the queue.")
    Integer scaledDown;

    @Override
    public Integer call() throws Exception {
        Faults faults = Faults.NONE;
        if (faultRate > 0) {
            faults = faults.withServerError(faultRate).withRateLimited(faultRate, Duration.ofSeconds(1))
                    .withHtmlPage(faultRate).withDropConnection(faultRate).withSlow(faultRate, Duration.ofSeconds(3))
                    .withMalformedJson(faultRate);
        }
        DemoConfig config = DemoConfig.defaults().withPort(port).withWorkers(workers).withExpectedApiKey(apiKey)
                .withEndpointIds(endpointIds).withTimeScale(timeScale)
                .withColdStart(Duration.ofMillis((long) (coldStartSeconds * 1000)))
                .withRetention(Duration.ofMillis((long) (retentionMinutes * 60_000)), Duration.ofMinutes(1))
                .withOutputMode(output).withSendProgress(progress).withFaults(faults);
        DemoEndpoint endpoint;
        try {
            endpoint = DemoEndpoint.start(config);
        } catch (IOException e) {
            System.err.println(Messages.get("cli.serve.cantStart", e.getMessage()));
            return 1;
        }
        endpoint.account().setThrottled(throttled);
        if (scaledDown != null) {
            endpoint.account().scaleDown(DemoAccount.DEMO_ID, Math.max(0, scaledDown));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            stop.countDown();
        }));
        PrintWriter out = new PrintWriter(System.out, true);
        out.println(Messages.get("cli.serve.at", endpoint.baseUrl()));
        out.println("  submit: curl -X POST " + endpoint.baseUrl() + "/ENDPOINT_ID/run -H 'Content-Type: application/json' "
                + "-H 'Authorization: Bearer KEY' -d @comfyui_workflow.json");
        out.println("  poll:   curl " + endpoint.baseUrl() + "/ENDPOINT_ID/status/JOB_ID -H 'Authorization: Bearer KEY'");
        out.println("  REST v2: curl " + endpoint.baseUrl() + "/serverless -H 'Authorization: Bearer KEY'"
                + "   (also /serverless/ID/workers, /catalog/gpus, /billing/serverless)");
        out.println(apiKey == null ? Messages.get("cli.serve.anyKey") : Messages.get("cli.serve.givenKey"));
        out.println(Messages.get("cli.serve.stop"));
        stop.await();
        return 0;
    }
}
