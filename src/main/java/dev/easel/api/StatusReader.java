package dev.easel.api;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.easel.workflow.WorkflowJson;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a large {@code /status} answer from a file without holding its images as strings: the base64 of every
 * {@code output.images[].data} is decoded as it streams by, straight into a temporary file, so a 60 MB answer costs
 * its images' bytes on disk and a few buffers on the heap. An answer whose {@code data} is not plain base64 (a link,
 * a {@code data:} URI, damaged data) is read the ordinary way instead, so every shape {@link JobOutput} knows still
 * parses the same.
 */
public final class StatusReader {

    /** Standard alphabet; padding optional, as {@link java.util.Base64} accepts it. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusReader() {
    }

    /** Where a value sits: only {@code output.images[].data} is decoded to a file. */
    private enum Role { ROOT, OUTPUT, IMAGES, IMAGE, OTHER }

    /** The placeholder of a decoded image in the tree; it prints as a short note, never its bytes. */
    record Decoded(Path file, long bytes) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString("(" + bytes + " bytes of image data)");
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer type)
                throws IOException {
            serialize(gen, serializers);
        }
    }

    /** Reads a status answer from {@code file}; decoded images go to {@code spillDir} (null: the system's). */
    public static StatusResponse read(Path file, Path spillDir) throws IOException {
        JsonNode body = readTree(new ObjectMapper(WorkflowJson.factory()), file, spillDir);
        if (body == null || !body.isObject()) {
            throw new JsonParseException(null, "not a JSON object");
        }
        return StatusResponse.parse(body);
    }

    /**
     * The JSON tree of {@code file}, with {@code output.images[].data} decoded into files under {@code spillDir}.
     * Falls back to an ordinary read when some {@code data} is not base64. Files of a failed read are deleted.
     */
    static JsonNode readTree(ObjectMapper mapper, Path file, Path spillDir) throws IOException {
        List<Path> spills = new ArrayList<>();
        JsonFactory factory = mapper.getFactory();
        try (JsonParser p = factory.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode tree = value(p, Role.ROOT, spills, spillDir);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one JSON value");
            }
            spills.clear(); // handed over to the tree
            return tree;
        } catch (NotBase64 e) {
            deleteAll(spills);
            return mapper.readTree(file.toFile());
        } finally {
            deleteAll(spills);
        }
    }

    private static JsonNode value(JsonParser p, Role role, List<Path> spills, Path spillDir) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    JsonToken t = p.nextToken();
                    JsonNode v;
                    if (role == Role.IMAGE && name.equals("data") && t == JsonToken.VALUE_STRING) {
                        v = decode(p, spills, spillDir);
                    } else {
                        Role inner = role == Role.ROOT && name.equals("output") ? Role.OUTPUT
                                : role == Role.OUTPUT && name.equals("images") ? Role.IMAGES : Role.OTHER;
                        v = value(p, inner, spills, spillDir);
                    }
                    JsonNode old = o.replace(name, v);
                    if (old instanceof POJONode pn && pn.getPojo() instanceof Decoded d) { // a repeated key
                        Files.deleteIfExists(d.file());
                        spills.remove(d.file());
                    }
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                Role inner = role == Role.IMAGES ? Role.IMAGE : Role.OTHER;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, inner, spills, spillDir));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    private static JsonNode decode(JsonParser p, List<Path> spills, Path spillDir) throws IOException {
        Path f = spillDir == null ? Files.createTempFile("easel-image-", ".part")
                : Files.createTempFile(Files.createDirectories(spillDir), "easel-image-", ".part");
        spills.add(f);
        long n;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 64 * 1024)) {
            n = p.readBinaryValue(BASE64, out);
        } catch (StreamReadException | IllegalArgumentException e) {
            throw new NotBase64(e); // a link, a data: URI, damaged data or broken JSON: the ordinary read says which
        }
        return new POJONode(new Decoded(f, n));
    }

    private static void deleteAll(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // the temporary folder is the system's to clean
            }
        }
        files.clear();
    }

    /** A {@code data} string that is not plain base64: read the answer the ordinary way. */
    private static final class NotBase64 extends IOException {
        NotBase64(Throwable cause) {
            super(cause);
        }
    }
}
