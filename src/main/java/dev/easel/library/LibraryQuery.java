package dev.easel.library;

import java.time.LocalDate;

/**
 * What the gallery shows: words to find in prompts, and filters. Null or blank means "any".
 *
 * @param text           words matched as prefixes in the prompt and negative prompt (full-text)
 * @param favouritesOnly only images marked as favourites
 * @param from           first day included (in the library's time zone), or null
 * @param to             last day included, or null
 * @param width          exact width in pixels, or null
 * @param height         exact height in pixels, or null
 */
public record LibraryQuery(String text, boolean favouritesOnly, LocalDate from, LocalDate to, String template,
                           String endpoint, Integer width, Integer height, Long seed, String tag, Sort sort) {

    /** The orders the gallery offers. */
    public enum Sort {
        NEWEST, OLDEST, PROMPT
    }

    public LibraryQuery {
        sort = sort == null ? Sort.NEWEST : sort;
        text = text == null ? "" : text;
    }

    /** Everything, newest first. */
    public static LibraryQuery all() {
        return new LibraryQuery("", false, null, null, null, null, null, null, null, null, Sort.NEWEST);
    }

    public LibraryQuery withText(String t) {
        return new LibraryQuery(t, favouritesOnly, from, to, template, endpoint, width, height, seed, tag, sort);
    }

    public LibraryQuery withFavouritesOnly(boolean f) {
        return new LibraryQuery(text, f, from, to, template, endpoint, width, height, seed, tag, sort);
    }

    public LibraryQuery withDates(LocalDate first, LocalDate last) {
        return new LibraryQuery(text, favouritesOnly, first, last, template, endpoint, width, height, seed, tag, sort);
    }

    public LibraryQuery withTemplate(String t) {
        return new LibraryQuery(text, favouritesOnly, from, to, t, endpoint, width, height, seed, tag, sort);
    }

    public LibraryQuery withEndpoint(String e) {
        return new LibraryQuery(text, favouritesOnly, from, to, template, e, width, height, seed, tag, sort);
    }

    public LibraryQuery withSize(Integer w, Integer h) {
        return new LibraryQuery(text, favouritesOnly, from, to, template, endpoint, w, h, seed, tag, sort);
    }

    public LibraryQuery withSeed(Long s) {
        return new LibraryQuery(text, favouritesOnly, from, to, template, endpoint, width, height, s, tag, sort);
    }

    public LibraryQuery withTag(String t) {
        return new LibraryQuery(text, favouritesOnly, from, to, template, endpoint, width, height, seed, t, sort);
    }

    public LibraryQuery withSort(Sort s) {
        return new LibraryQuery(text, favouritesOnly, from, to, template, endpoint, width, height, seed, tag, s);
    }

    /** True when anything but the order narrows what is shown. */
    public boolean narrowed() {
        return !text.isBlank() || favouritesOnly || from != null || to != null || present(template)
                || present(endpoint) || width != null || height != null || seed != null || present(tag);
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
