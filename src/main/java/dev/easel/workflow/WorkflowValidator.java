package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.text.Text;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks an API-format graph before anything is sent, with messages tied to nodes. */
public final class WorkflowValidator {

    private WorkflowValidator() {
    }

    /** Every problem found; an empty list means the graph can be sent. */
    public static List<Problem> validate(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            problems.add(Problem.error(null, null, Text.of("workflow.check.notObject")));
            return problems;
        }
        WorkflowFormat format = WorkflowFormat.detect(json);
        if (format == WorkflowFormat.UI) {
            problems.add(Problem.error(null, null, Text.of("workflow.check.editorFormat")));
            return problems;
        }
        if (format == WorkflowFormat.REQUEST) {
            return validate(json.path("input").path("workflow"));
        }
        if (json.isEmpty()) {
            problems.add(Problem.error(null, null, Text.of("workflow.check.noNodes")));
            return problems;
        }
        boolean anyOutput = false;
        boolean anySave = false;
        // as ComfyUI does: inputs and links are checked on the nodes some output node depends on; the others
        // are never run, so a half-wired node off to the side doesn't stop the graph
        Set<String> needed = needed(json);
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            String id = e.getKey();
            JsonNode node = e.getValue();
            if (!node.isObject()) {
                problems.add(Problem.error(id, null, Text.of("workflow.check.notNode")));
                continue;
            }
            JsonNode classType = node.path("class_type");
            if (!classType.isMissingNode() && !classType.isNull() && !classType.isTextual()) {
                problems.add(Problem.error(id, null, Text.of("workflow.check.classTypeNotText", classType.toString())));
                continue;
            }
            String type = classType.asText("");
            if (type.isBlank()) {
                problems.add(Problem.error(id, null, Text.of("workflow.check.noClassType")));
                continue;
            }
            if (NodeCatalog.UI_ONLY.contains(type)) {
                problems.add(Problem.error(id, null, Text.of("workflow.check.editorOnly", type)));
            }
            Optional<NodeSpec> spec = NodeCatalog.spec(type);
            boolean output = spec.map(NodeSpec::outputNode).orElse(type.contains("Save") || type.contains("Preview"));
            anyOutput |= output;
            anySave |= output && !type.equals("PreviewImage");
            JsonNode inputs = node.path("inputs");
            if (!inputs.isObject() && !inputs.isMissingNode()) {
                problems.add(Problem.error(id, null, Text.of("workflow.check.inputsNotObject")));
                continue;
            }
            if (!needed.isEmpty() && !needed.contains(id)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> in : inputs.properties()) {
                checkLink(json, id, in.getKey(), in.getValue(), problems);
            }
            spec.ifPresent(s -> checkValues(id, s, inputs, problems));
        }
        if (!anyOutput) {
            problems.add(Problem.error(null, null, Text.of("workflow.check.noOutput")));
        } else if (!anySave) {
            problems.add(Problem.warning(null, null, Text.of("workflow.check.previewOnly")));
        }
        findCycle(json).ifPresent(cycle -> problems.add(Problem.error(cycle.getFirst(), null,
                Text.of("workflow.check.cycle", String.join(" → ", cycle)))));
        return problems;
    }

    /** The output nodes and every node they depend on through links; empty when the graph has no output node. */
    static Set<String> needed(JsonNode graph) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (Map.Entry<String, JsonNode> e : graph.properties()) {
            String type = e.getValue().path("class_type").asText("");
            boolean output = NodeCatalog.spec(type).map(NodeSpec::outputNode)
                    .orElse(type.contains("Save") || type.contains("Preview"));
            if (output && seen.add(e.getKey())) {
                todo.add(e.getKey());
            }
        }
        while (!todo.isEmpty()) { // iterative: a 10,000-node chain must not overflow the stack
            JsonNode inputs = graph.path(todo.pop()).path("inputs");
            if (!inputs.isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> in : inputs.properties()) {
                Link.of(in.getValue()).ifPresent(l -> {
                    if (graph.has(l.nodeId()) && seen.add(l.nodeId())) {
                        todo.add(l.nodeId());
                    }
                });
            }
        }
        return seen;
    }

    private static void checkLink(JsonNode graph, String id, String input, JsonNode value, List<Problem> problems) {
        if (!value.isArray()) {
            return;
        }
        Optional<Link> link = Link.of(value);
        if (link.isEmpty()) {
            // as ComfyUI: any list is a link, and a link is [node id, output index]
            problems.add(Problem.error(id, input, value.size() != 2
                    ? Text.of("workflow.check.badLinkSize", value.size()) : Text.of("workflow.check.badLink")));
            return;
        }
        Link l = link.get();
        JsonNode target = graph.get(l.nodeId());
        if (target == null) {
            problems.add(Problem.error(id, input, Text.of("workflow.check.linkNoNode", l.nodeId())));
            return;
        }
        String type = target.path("class_type").asText("");
        NodeCatalog.spec(type).ifPresent(s -> {
            if (l.slot() < 0 || l.slot() >= s.outputs().size()) {
                problems.add(Problem.error(id, input, s.outputs().isEmpty()
                        ? Text.of("workflow.check.linkNoOutputs", l.slot(), l.nodeId(), type)
                        : Text.of("workflow.check.linkBadSlot", l.slot(), l.nodeId(), type, s.outputs().size() - 1)));
            }
        });
    }

    private static void checkValues(String id, NodeSpec spec, JsonNode inputs, List<Problem> problems) {
        for (NodeSpec.Input in : spec.inputs()) {
            JsonNode v = inputs.get(in.name());
            if (v == null || v.isNull()) {
                if (!in.optional()) {
                    problems.add(Problem.error(id, in.name(), Text.of("workflow.check.missing", spec.classType())));
                }
                continue;
            }
            if (v.isArray()) {
                continue;
            }
            switch (in.type()) {
                case "INT", "FLOAT" -> checkNumber(id, spec, in, v, problems);
                case "COMBO" -> checkCombo(id, in, v, problems);
                case "STRING" -> {
                    if (!v.isTextual()) {
                        problems.add(Problem.error(id, in.name(), Text.of("workflow.check.notText")));
                    }
                }
                default -> { }
            }
        }
    }

    /** A seed's maximum, 2^64 − 1, is not exact as a double: 2^64 would pass. */
    private static BigDecimal exactMax(double max) {
        return max >= 1.8e19 ? new BigDecimal("18446744073709551615") : BigDecimal.valueOf(max);
    }

    private static void checkNumber(String id, NodeSpec spec, NodeSpec.Input in, JsonNode v, List<Problem> problems) {
        if (!v.isNumber()) {
            problems.add(Problem.error(id, in.name(), Text.of("workflow.check.notNumber", v.toString())));
            return;
        }
        BigDecimal value = v.decimalValue();
        if (in.type().equals("INT") && value.stripTrailingZeros().scale() > 0) {
            problems.add(Problem.error(id, in.name(), Text.of("workflow.check.notWhole", v.toString())));
            return;
        }
        if (in.min() != null && value.compareTo(BigDecimal.valueOf(in.min())) < 0) {
            problems.add(Problem.error(id, in.name(), Text.of("workflow.check.belowMin", v.toString(), fmt(in.min()))));
        } else if (in.max() != null && value.compareTo(exactMax(in.max())) > 0) {
            problems.add(Problem.error(id, in.name(), Text.of("workflow.check.aboveMax", v.toString(), fmt(in.max()))));
        } else if (in.step() != null && in.step() > 1 && value.longValue() % in.step().longValue() != 0) {
            // ComfyUI checks only min and max; the model floors a size to its latent factor, and the job runs
            long step = in.step().longValue();
            problems.add(Problem.warning(id, in.name(), Text.of("workflow.check.notMultiple", v.toString(), fmt(in.step()),
                    Long.toString(Math.floorDiv(value.longValue(), step) * step))));
        }
    }

    private static void checkCombo(String id, NodeSpec.Input in, JsonNode v, List<Problem> problems) {
        List<String> known = switch (String.valueOf(in.list())) {
            case "samplers" -> NodeCatalog.SAMPLERS;
            case "schedulers" -> NodeCatalog.SCHEDULERS;
            default -> null;
        };
        if (!v.isTextual()) {
            problems.add(Problem.error(id, in.name(), Text.of("workflow.check.notText")));
        } else if (known != null && !known.contains(v.asText())) {
            problems.add(Problem.warning(id, in.name(), Text.of("workflow.check.unknownChoice", v.asText(),
                    in.name().replace('_', ' '))));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A cycle through links, as a list of node ids, if there is one. */
    static Optional<List<String>> findCycle(JsonNode graph) {
        // depth first, with a stack of its own: a 10,000-node chain must not overflow the thread's stack
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (var it = graph.fieldNames(); it.hasNext(); ) {
            String start = it.next();
            if (state.containsKey(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            ArrayDeque<Iterator<String>> next = new ArrayDeque<>();
            state.put(start, 1);
            path.add(start);
            next.push(linksOf(graph, start));
            while (!next.isEmpty()) {
                Iterator<String> links = next.peek();
                if (!links.hasNext()) {
                    next.pop();
                    state.put(path.removeLast(), 2);
                    continue;
                }
                String to = links.next();
                Integer s = state.get(to);
                if (s == null) {
                    state.put(to, 1);
                    path.add(to);
                    next.push(linksOf(graph, to));
                } else if (s == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(to), path.size()));
                    cycle.add(to);
                    return Optional.of(cycle);
                }
            }
        }
        return Optional.empty();
    }

    /** The nodes a node's inputs link to (that exist). */
    private static Iterator<String> linksOf(JsonNode graph, String id) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> in : graph.path(id).path("inputs").properties()) {
            Link.of(in.getValue()).map(Link::nodeId).filter(graph::has).ifPresent(out::add);
        }
        return out.iterator();
    }
}
