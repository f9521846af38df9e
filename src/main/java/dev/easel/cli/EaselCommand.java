package dev.easel.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The top-level command: with no subcommand it opens the window. */
@Command(name = "easel", mixinStandardHelpOptions = true, version = "Easel 0.1.0",
        description = "A desktop studio for ComfyUI workflows on Runpod Serverless. With no command, opens the window.",
        subcommands = {ServeDemoCommand.class, InspectCommand.class, DecodeCommand.class})
public final class EaselCommand implements Callable<Integer> {

    private final Runnable openWindow;

    public EaselCommand(Runnable openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public Integer call() {
        openWindow.run();
        return 0;
    }
}
