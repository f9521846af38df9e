package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.workflow.WorkflowJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's error or note in the journal: its key and arguments as JSON ({@code {"key":…,"args":[…]}}, nested sentences
 * as nested objects) beside the words in English. A row written before the journal kept keys, or whose key this
 * version no longer has, or whose JSON is damaged, is read as its words.
 */
final class TextColumn {

    private TextColumn() {
    }

    static String json(Text text) {
        return text == null ? null : node(text).toString();
    }

    static String words(Text text) {
        return text == null ? null : Messages.get(text);
    }

    /** The sentence from its JSON, or else the words as they were journaled; null when there is neither. */
    static Text read(String json, String words) {
        if (json != null) {
            try {
                Text t = text(WorkflowJson.MAPPER.readTree(json));
                if (t != null) {
                    return t;
                }
            } catch (IOException | RuntimeException damaged) {
                // fall back to the words
            }
        }
        return Text.literal(words);
    }

    private static ObjectNode node(Text t) {
        ObjectNode n = WorkflowJson.MAPPER.createObjectNode();
        n.put("key", t.key());
        ArrayNode args = n.putArray("args");
        for (Object a : t.args()) {
            switch (a) {
                case Text nested -> args.add(node(nested));
                case Long l -> args.add(l); // Text keeps whole numbers as Long, the others as Double
                case Number num -> args.add(num.doubleValue());
                default -> args.add(String.valueOf(a));
            }
        }
        return n;
    }

    /** The sentence, or null when a key in it is not in this version's bundle. */
    private static Text text(JsonNode n) {
        String key = n.path("key").asText(null);
        if (key == null || !(key.isEmpty() || Messages.has(key))) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        for (JsonNode a : n.path("args")) {
            if (a.isObject()) {
                Text nested = text(a);
                if (nested == null) {
                    return null;
                }
                args.add(nested);
            } else if (a.isIntegralNumber()) {
                args.add(a.asLong());
            } else if (a.isNumber()) {
                args.add(a.asDouble());
            } else {
                args.add(a.asText());
            }
        }
        if (key.isEmpty() && args.size() != 1) {
            return null;
        }
        return new Text(key, args);
    }
}
