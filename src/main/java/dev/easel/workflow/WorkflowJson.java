package dev.easel.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.easel.text.Text;

import java.util.Comparator;

/** Reading and writing workflow JSON the same way everywhere: key order kept, numbers exact, 2-space indent. */
public final class WorkflowJson {

    /**
     * The longest string a JSON text may hold: a status answer carries each image as one base64 string, and a PNG of
     * 15 MB is 20 million characters (Jackson's default limit), so allow what Runpod can deliver and then some.
     */
    public static final int MAX_STRING_CHARS = 400_000_000;

    /** A factory whose parsers accept strings up to {@link #MAX_STRING_CHARS}. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_STRING_CHARS).build())
                .build();
    }

    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper(factory().rebuild()
            // a node or input given twice is a mistake ComfyUI would quietly resolve one way: said instead
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    static {
        // keep "1.50" as written instead of "1.5": a round trip must not rewrite numbers
        MAPPER.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    private WorkflowJson() {
    }

    /** Equal JSON, numbers compared by value: {@code 1}, {@code 1.0} and a BigDecimal 1 are the same number. */
    public static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC, b);
    }

    private static final Comparator<JsonNode> NUMERIC = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    /** Parses JSON text; a syntax error says where, in words a user understands. */
    public static JsonNode parse(String text) throws WorkflowException {
        if (text == null || text.isBlank()) {
            throw new WorkflowException(Text.of("workflow.json.empty"));
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonEOFException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw new WorkflowException(Text.of("workflow.json.cutShort", line, column), line, column, e);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw new WorkflowException(Text.of("workflow.json.invalidAt", line, column, plain(e)), line, column, e);
        } catch (JsonProcessingException e) {
            throw new WorkflowException(Text.of("workflow.json.invalid", plain(e)), 0, 0, e);
        } catch (RuntimeException e) { // a number no reader can hold (1e-2147483649), say
            throw new WorkflowException(Text.of("workflow.json.badValue", e.getMessage()), 0, 0, e);
        }
    }

    /**
     * The parser's own words without its internals: no source note ("[Source: REDACTED
     * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) …]"), no second line.
     */
    public static String plain(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:.*", "").replaceAll("\\s*\\n.*", "").strip();
    }

    /** Indented JSON, as the JSON panel shows it. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JSON, as it is sent. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
