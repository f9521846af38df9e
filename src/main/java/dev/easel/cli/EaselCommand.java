package dev.easel.cli;

import picocli.CommandLine.Command;

/** The top-level command. */
@Command(name = "easel", mixinStandardHelpOptions = true, version = "Easel 0.1.0",
        description = "A desktop studio for ComfyUI workflows on Runpod Serverless. With no command, opens the window.")
public final class EaselCommand implements Runnable {
    @Override
    public void run() {
    }
}
