package dev.easel.cli;

import dev.easel.text.Messages;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code easel inspect FILE}: format, node count, problems and bound parameters of a workflow, as JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Reads a workflow (API or editor JSON, a Runpod request body, or a PNG made by ComfyUI or "
                + "Easel) and prints its format, node count, validation problems and bound parameters as JSON.",
                "Exit code 0 when the workflow is valid, 2 otherwise."})
public final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The workflow file (.json or .png).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        WorkflowImporter.Imported imported;
        try {
            imported = WorkflowImporter.fromFile(file);
        } catch (WorkflowException e) {
            spec.commandLine().getErr().println(Messages.get("cli.inspect.unreadable", file, Messages.of(e)));
            spec.commandLine().getErr().flush();
            return 2;
        }
        spec.commandLine().getOut().println(WorkflowJson.pretty(Inspection.of(imported)));
        spec.commandLine().getOut().flush();
        if (!imported.valid()) {
            spec.commandLine().getErr().println(Messages.get("cli.inspect.problems", file));
            spec.commandLine().getErr().flush();
            return 2;
        }
        return 0;
    }
}
