package dev.easel.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Where each object key of a JSON text is, by JSON pointer, so node problems can be shown at line:column. */
public final class JsonLocator {

    /** A 1-based position in the text, plus the character offset. */
    public record Position(int line, int column, long offset) { }

    private JsonLocator() {
    }

    /** Pointer (e.g. {@code /input/workflow/31/inputs/steps}) → position of that key. Empty for invalid JSON. */
    public static Map<String, Position> keys(String text) {
        Map<String, Position> out = new HashMap<>();
        try (JsonParser p = WorkflowJson.MAPPER.getFactory().createParser(text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Boolean> inObject = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> inObject.push(t == JsonToken.START_OBJECT);
                    case END_OBJECT, END_ARRAY -> {
                        inObject.pop();
                        if (!path.isEmpty() && !inObject.isEmpty() && inObject.peek()) {
                            path.pop();
                        }
                    }
                    case FIELD_NAME -> {
                        path.push(p.currentName().replace("~", "~0").replace("/", "~1"));
                        JsonLocation at = p.currentTokenLocation();
                        out.put(pointer(path), new Position(at.getLineNr(), at.getColumnNr(), at.getCharOffset()));
                    }
                    default -> {
                        if (!path.isEmpty() && inObject.peek() != null && inObject.peek()) {
                            path.pop(); // a scalar value ends its field
                        }
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    private static String pointer(Deque<String> path) {
        StringBuilder sb = new StringBuilder();
        path.descendingIterator().forEachRemaining(s -> sb.append('/').append(s));
        return sb.toString();
    }
}
