package dev.easel.library;

import java.util.List;

/** The values the gallery's filters can choose from, as found in the library. */
public record Facets(List<String> templates, List<String> endpoints, List<String> sizes, List<String> tags) {

    public static Facets none() {
        return new Facets(List.of(), List.of(), List.of(), List.of());
    }
}
