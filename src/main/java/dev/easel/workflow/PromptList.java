package dev.easel.workflow;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A batch of prompts from a file, for a sweep's prompt axis: a text file has a prompt a line (blank lines and
 * {@code #} comments skipped); a CSV file its column named {@code prompt}, else its first column.
 */
public final class PromptList {

    /** The largest file read: a list of prompts, not a data set. */
    static final long MAX_BYTES = 4L << 20;

    private PromptList() {
    }

    public static List<String> read(Path file) throws WorkflowException {
        String text = text(file);
        List<String> prompts = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? promptColumn(csv(text, file)) : lines(text);
        if (prompts.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.prompts.empty", file.getFileName().toString()));
        }
        if (prompts.size() > Sweep.MAX_CELLS) {
            throw new WorkflowException(Text.of("workflow.prompts.tooMany", prompts.size(), Sweep.MAX_CELLS));
        }
        return prompts;
    }

    /** The file as UTF-8 text, without a byte-order mark; refused when large or not text. */
    private static String text(Path file) throws WorkflowException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new WorkflowException(Text.of("workflow.prompts.tooBig", file.getFileName().toString(),
                        MAX_BYTES >> 20));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WorkflowException(Text.of("workflow.prompts.notText", file.getFileName().toString()));
        } catch (IOException e) {
            throw new WorkflowException(Text.of("workflow.prompts.unreadable", file.getFileName().toString(),
                    String.valueOf(e.getMessage())));
        }
        return !text.isEmpty() && text.charAt(0) == '\ufeff' ? text.substring(1) : text; // a mark some editors write
    }

    /**
     * A batch of parameter rows from a file, for a sweep's {@code rows} axis: a CSV file whose header names
     * parameters ({@code prompt}, {@code negative_prompt}, {@code seed}, {@code steps}, {@code cfg}, …; an empty
     * cell sets nothing), else the prompts of {@link #read} as rows of a prompt each.
     */
    public static List<Map<String, String>> rows(Path file) throws WorkflowException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            List<List<String>> table = csv(text(file), file);
            if (!table.isEmpty() && table.getFirst().stream().anyMatch(h -> Parameter.ofKey(column(h)) != null)) {
                List<String> header = table.getFirst().stream().map(PromptList::column).toList();
                List<Map<String, String>> out = new ArrayList<>();
                for (List<String> row : table.subList(1, table.size())) {
                    Map<String, String> set = new LinkedHashMap<>();
                    for (int i = 0; i < header.size() && i < row.size(); i++) {
                        String v = row.get(i) == null ? "" : row.get(i).strip();
                        if (!v.isEmpty() && !header.get(i).isEmpty()) {
                            set.put(header.get(i), v);
                        }
                    }
                    if (!set.isEmpty()) {
                        out.add(set);
                    }
                }
                if (out.isEmpty()) {
                    throw new WorkflowException(Text.of("workflow.prompts.empty", file.getFileName().toString()));
                }
                if (out.size() > Sweep.MAX_CELLS) {
                    throw new WorkflowException(Text.of("workflow.prompts.tooMany", out.size(), Sweep.MAX_CELLS));
                }
                return out;
            }
        }
        return read(file).stream().map(p -> Map.of(Parameter.PROMPT.key(), p)).toList();
    }

    /** The rows as a sweep's axis is written: {@code rows=[{"prompt":"a fox","steps":"20"},…]}. */
    public static String rowsSpec(List<Map<String, String>> rows) {
        ArrayNode list = WorkflowJson.MAPPER.createArrayNode();
        for (Map<String, String> r : rows) {
            ObjectNode o = list.addObject();
            r.forEach(o::put);
        }
        return "rows=" + WorkflowJson.compact(list);
    }

    /** A column's name as a parameter key: "Negative prompt" → negative_prompt, "CFG" → cfg. */
    private static String column(String header) {
        String k = header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return switch (k) {
            case "negative" -> Parameter.NEGATIVE_PROMPT.key();
            case "sampler_name" -> Parameter.SAMPLER.key();
            case "cfg_scale" -> Parameter.CFG.key();
            default -> k;
        };
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<List<String>> csv(String text, Path file) throws WorkflowException {
        var mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            throw new WorkflowException(Text.of("workflow.prompts.badCsv", file.getFileName().toString()));
        }
        return rows;
    }

    /** The column named {@code prompt} (its header left out), else the first column. */
    private static List<String> promptColumn(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int column = 0;
        boolean header = false;
        List<String> first = rows.getFirst();
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) != null && first.get(i).strip().equalsIgnoreCase("prompt")) {
                column = i;
                header = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int r = header ? 1 : 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String v = column < row.size() && row.get(column) != null ? row.get(column).strip() : "";
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** A prompt's {@code |} outside braces written {@code \|}, so a prompt list doesn't split it. */
    public static String escapeBars(String prompt) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (c == '\\' && i + 1 < prompt.length()) {
                s.append(c).append(prompt.charAt(++i));
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '|' && depth == 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }
}
