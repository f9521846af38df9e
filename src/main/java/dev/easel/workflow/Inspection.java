package dev.easel.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
            o.put("severity", p.severity().name().toLowerCase());
            if (p.nodeId() != null) {
                o.put("node", p.nodeId());
                imported.workflow().node(p.nodeId()).ifPresent(n -> o.put("class_type", n.classType()));
            }
            if (p.input() != null) {
                o.put("input", p.input());
            }
            o.put("message", p.toString());
        }
        ArrayNode notes = out.putArray("notes");
        imported.notes().forEach(notes::add);
        out.set("parameters", ParameterBinder.bind(imported.workflow()).toJson(imported.workflow()));
        return out;
    }
}
