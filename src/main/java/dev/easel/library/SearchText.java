package dev.easel.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is typed in the gallery's search box, as SQL: every word must be found (at the start of a word of the
 * prompt or negative prompt, or at the start of a tag), {@code "a quoted phrase"} as those words in a row, and
 * {@code OR} between groups finds pictures that match either. Nothing typed is ever SQL or FTS syntax: the words
 * are bound as parameters and quoted.
 */
public final class SearchText {

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"?|(\\S+)");
    private static final String SPLIT = "[\\s\\p{Punct}&&[^_]]+";

    /** One thing to find: its words, in a row when it was a quoted phrase. */
    record Term(List<String> words, boolean phrase) {
        String fts() {
            return phrase ? "\"" + String.join(" ", words) + "\"" : "\"" + words.getFirst() + "\"*";
        }

        String tagPattern() {
            return String.join(" ", words).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }
    }

    private SearchText() {
    }

    /** The alternatives (joined by OR), each a list of terms that must all be found. Empty when nothing is typed. */
    static List<List<Term>> parse(String text) {
        List<List<Term>> alternatives = new ArrayList<>();
        List<Term> current = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            if (m.group(1) != null) {
                List<String> words = words(m.group(1));
                if (!words.isEmpty()) {
                    current.add(new Term(words, words.size() > 1));
                }
            } else if (m.group(2).equals("OR")) {
                if (!current.isEmpty()) {
                    alternatives.add(current);
                }
                current = new ArrayList<>();
            } else {
                for (String w : words(m.group(2))) {
                    current.add(new Term(List.of(w), false));
                }
            }
        }
        if (!current.isEmpty()) {
            alternatives.add(current);
        }
        return alternatives;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.split(SPLIT)) {
            if (!w.isBlank()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The condition on {@code i} (the images table) that the text asks for, its parameters added to {@code args};
     * empty when nothing searchable is typed.
     */
    static String where(String text, List<Object> args) {
        List<String> ors = new ArrayList<>();
        for (List<Term> all : parse(text)) {
            List<String> ands = new ArrayList<>();
            for (Term t : all) {
                ands.add("(i.id IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?)"
                        + " OR i.id IN (SELECT image_id FROM tags WHERE tag LIKE ? ESCAPE '\\'))");
                args.add(t.fts());
                args.add(t.tagPattern());
            }
            ors.add(String.join(" AND ", ands));
        }
        if (ors.isEmpty()) {
            return "";
        }
        return ors.size() == 1 ? ors.getFirst() : "((" + String.join(") OR (", ors) + "))";
    }
}
