package dev.easel.cli;

import dev.easel.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** {@code easel startup-cache}: writes the packaged app's startup cache ({@link StartupCache}). */
@Command(name = "startup-cache", mixinStandardHelpOptions = true,
        description = {"Writes the startup cache of the installed app (a JVM AOT cache of Easel's classes beside its "
                + "launcher) by running the smoke test once: later starts take about 40 %% less time. The Linux "
                + "package's install script runs it; a portable or per-user copy writes it on its first run.",
                "Only for the packaged app (not a development run)."})
public final class StartupCacheCommand implements Callable<Integer> {

    @Option(names = "--if-needed", description = "Do nothing when the cache is there and was made for this version.")
    boolean ifNeeded;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var layout = StartupCache.Layout.current();
        if (layout.isEmpty()) {
            spec.commandLine().getErr().println(Messages.get("cli.startupCache.notPackaged"));
            return 2;
        }
        if (ifNeeded && StartupCache.isCurrent(layout.get())) {
            spec.commandLine().getOut().println(Messages.get("cli.startupCache.there", layout.get().cache()));
            return 0;
        }
        StartupCache.Outcome outcome = StartupCache.write(layout.get(), null);
        (outcome.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr())
                .println(Messages.get("cli.startupCache.said", Messages.get(outcome.message())));
        return outcome.exitCode();
    }
}
