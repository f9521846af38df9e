package dev.easel.ui.json;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Style spans for JSON text: keys, strings, numbers, literals, punctuation, and error marks on top. */
final class JsonHighlighter {

    private static final Pattern TOKENS = Pattern.compile(
            "(?<KEY>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))"
                    + "|(?<STRING>\"(?:[^\"\\\\]|\\\\.)*\"?)"
                    + "|(?<NUMBER>-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)"
                    + "|(?<LITERAL>\\b(?:true|false|null)\\b)"
                    + "|(?<PUNCT>[{}\\[\\]:,])");

    private JsonHighlighter() {
    }

    /**
     * @param errorOffsets character offsets where a problem starts; the token there is marked
     */
    static StyleSpans<Collection<String>> spans(String text, List<Long> errorOffsets) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        Matcher m = TOKENS.matcher(text);
        int last = 0;
        while (m.find()) {
            String style = m.group("KEY") != null ? "json-key" : m.group("STRING") != null ? "json-string"
                    : m.group("NUMBER") != null ? "json-number" : m.group("LITERAL") != null ? "json-literal"
                    : "json-punct";
            b.add(List.of(), m.start() - last);
            boolean error = errorOffsets.stream().anyMatch(o -> o >= m.start() && o < m.end());
            b.add(error ? List.of(style, "json-error") : List.of(style), m.end() - m.start());
            last = m.end();
        }
        b.add(List.of(), text.length() - last);
        return b.create();
    }
}
