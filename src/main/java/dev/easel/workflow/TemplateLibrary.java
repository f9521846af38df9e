package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.AtomicFiles;
import dev.easel.text.Text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The bundled templates plus the user's own, saved as JSON files in a folder of the app's data. */
public final class TemplateLibrary {

    /** The id of the template a new user starts from: the Runpod tutorial's workflow. */
    public static final String DEFAULT_ID = "flux1-dev-fp8";
    private static final String BUNDLED = "templates/";
    private static final String USER = "user:";

    private final Path userDir;
    private final List<Template> bundled;

    /** @param userDir where user templates live; created on first save */
    public TemplateLibrary(Path userDir) {
        this.userDir = userDir;
        this.bundled = loadBundled();
    }

    private static List<Template> loadBundled() {
        List<Template> list = new ArrayList<>();
        JsonNode index = resource("index.json");
        for (JsonNode t : index) {
            JsonNode graph = resource(t.path("file").asText());
            list.add(new Template(t.path("id").asText(), t.path("name").asText(), t.path("description").asText(),
                    Workflow.of((ObjectNode) graph), null, true));
        }
        return List.copyOf(list);
    }

    private static JsonNode resource(String name) {
        try (InputStream in = TemplateLibrary.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled template resource missing: " + name);
            }
            return WorkflowJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WorkflowException e) {
            throw new IllegalStateException("bundled template " + name + " is broken: " + e.getMessage(), e);
        }
    }

    public List<Template> bundled() {
        return bundled;
    }

    /** Bundled templates first, then the user's, by name. Unreadable user files are skipped. */
    public List<Template> all() {
        List<Template> all = new ArrayList<>(bundled);
        all.addAll(user());
        return all;
    }

    public Template defaultTemplate() {
        return bundled.stream().filter(t -> t.id().equals(DEFAULT_ID)).findFirst().orElseThrow();
    }

    public Optional<Template> get(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private List<Template> user() {
        List<Template> list = new ArrayList<>();
        if (!Files.isDirectory(userDir)) {
            return list;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(userDir, "*.json")) {
            for (Path f : files) {
                try {
                    JsonNode t = WorkflowJson.parse(Files.readString(f));
                    if (t.path("workflow").isObject()) {
                        Set<Parameter> shown = EnumSet.noneOf(Parameter.class);
                        t.path("show").forEach(k -> Optional.ofNullable(Parameter.ofKey(k.asText())).ifPresent(shown::add));
                        list.add(new Template(USER + stem(f), t.path("name").asText(stem(f)),
                                t.path("description").asText(""), Workflow.of((ObjectNode) t.get("workflow")),
                                t.path("ui").isObject() ? t.get("ui") : null, false, shown));
                    }
                } catch (IOException | WorkflowException | RuntimeException e) {
                    // one broken file must not hide the others
                }
            }
        } catch (IOException e) {
            return list;
        }
        list.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return list;
    }

    /**
     * Why a user template can't be called this, or null when it can: a name is needed, and a bundled template's
     * name is taken (a user template's may be replaced: ask first, see {@link #userId}).
     */
    public Text nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Text.of("workflow.template.noName");
        }
        if (bundled.stream().anyMatch(t -> t.name().equalsIgnoreCase(name.strip()))) {
            return Text.of("workflow.template.nameTaken", name.strip());
        }
        return null;
    }

    /** The id a user template saved under this name has: two names with the same id are one template. */
    public static String userId(String name) {
        return USER + slug(name == null ? "" : name);
    }

    /**
     * Saves (or replaces) a user template, atomically.
     *
     * @param shown the parameters the panel shows for it; empty: all
     */
    public Template save(String name, String description, Workflow workflow, JsonNode uiGraph, Set<Parameter> shown)
            throws WorkflowException {
        Text problem = nameProblem(name);
        if (problem != null) {
            throw new WorkflowException(problem);
        }
        String slug = slug(name);
        ObjectNode doc = WorkflowJson.MAPPER.createObjectNode();
        doc.put("name", name.strip());
        doc.put("description", description == null ? "" : description.strip());
        var show = doc.putArray("show");
        (shown == null ? Set.<Parameter>of() : shown).stream().sorted().forEach(p -> show.add(p.key()));
        doc.set("workflow", workflow.toJson());
        if (uiGraph != null) {
            doc.set("ui", uiGraph);
        }
        try {
            AtomicFiles.write(userDir.resolve(slug + ".json"),
                    WorkflowJson.pretty(doc).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkflowException(Text.of("workflow.template.cantSave", userDir, e.getMessage()));
        }
        return new Template(USER + slug, name.strip(), doc.path("description").asText(), workflow, uiGraph, false,
                shown);
    }

    /** Saves a user template under another name (its file too); the one it was is gone after. */
    public Template rename(Template t, String name) throws WorkflowException {
        if (!t.user()) {
            throw new WorkflowException(Text.of("workflow.template.bundled", t.name()));
        }
        Template renamed = save(name, t.description(), t.workflow(), t.uiGraph(), t.shown());
        if (!renamed.id().equals(t.id())) {
            delete(t.id());
        }
        return renamed;
    }

    /** Deletes a user template; bundled ones cannot be deleted. */
    public boolean delete(String id) throws WorkflowException {
        if (!id.startsWith(USER)) {
            return false;
        }
        try {
            return Files.deleteIfExists(userDir.resolve(slug(id.substring(USER.length())) + ".json"));
        } catch (IOException e) {
            throw new WorkflowException(Text.of("workflow.template.cantDelete", e.getMessage()));
        }
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    /** A safe file name: letters, digits and dashes. */
    static String slug(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.isEmpty() ? "template" : s;
    }
}
