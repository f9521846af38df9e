package dev.easel.workflow;

import com.fasterxml.jackson.databind.MappingIterator;
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
import java.util.List;
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
        if (!text.isEmpty() && text.charAt(0) == '\ufeff') {
            text = text.substring(1); // a byte-order mark some editors write
        }
        List<String> prompts = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? csv(text, file) : lines(text);
        if (prompts.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.prompts.empty", file.getFileName().toString()));
        }
        if (prompts.size() > Sweep.MAX_CELLS) {
            throw new WorkflowException(Text.of("workflow.prompts.tooMany", prompts.size(), Sweep.MAX_CELLS));
        }
        return prompts;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> csv(String text, Path file) throws WorkflowException {
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
