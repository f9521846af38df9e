package dev.easel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Messages;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Problem;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;

import java.util.Locale;

/** What {@code easel inspect} reports on an imported workflow: format, size, problems and bound parameters. */
public final class Inspection {

    private Inspection() {
    }

    public static ObjectNode of(WorkflowImporter.Imported imported) {
        ObjectNode out = WorkflowJson.MAPPER.createObjectNode();
        out.put("format", imported.source().label());
        out.put("nodes", imported.workflow().size());
        out.put("valid", imported.valid());
        ArrayNode problems = out.putArray("problems");
        for (Problem p : imported.problems()) {
            ObjectNode o = problems.addObject();
            o.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
            if (p.nodeId() != null) {
                o.put("node", p.nodeId());
                imported.workflow().node(p.nodeId()).ifPresent(n -> o.put("class_type", n.classType()));
            }
            if (p.input() != null) {
                o.put("input", p.input());
            }
            o.put("message", Messages.get(p.text()));
        }
        ArrayNode notes = out.putArray("notes");
        imported.notes().forEach(n -> notes.add(Messages.get(n)));
        out.set("parameters", ParameterBinder.bind(imported.workflow()).toJson(imported.workflow()));
        return out;
    }
}
