package dev.easel.library;

import dev.easel.text.Text;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.ImageType;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an image dropped on Easel says about how it was made, in ComfyUI's order of preference: its
 * {@code workflow} (the editor graph, kept alongside), its {@code prompt} (the API graph), else its A1111
 * {@code parameters} text (from a PNG text chunk or a JPEG's or WebP's EXIF UserComment). A WebP saved by
 * ComfyUI carries its {@code prompt} and {@code workflow} in EXIF too, which applies to the current graph.
 */
public sealed interface ImageSettings {

    /** A whole graph to load. */
    record Graph(WorkflowImporter.Imported imported) implements ImageSettings { }

    /** Parameter values only, to set on the graph in the editor. */
    record Values(Map<Parameter, Object> values) implements ImageSettings { }

    /**
     * Reads an image file.
     *
     * @throws WorkflowException with a sentence for the user when the file holds no settings Easel can use
     */
    static ImageSettings read(Path file) throws WorkflowException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WorkflowException(Text.of("file.none", file.getFileName()));
        } catch (IOException e) {
            throw new WorkflowException(Text.of("file.unreadable", file.getFileName(), e.getMessage()));
        }
        ImageType type = ImageType.detect(bytes);
        if (type == ImageType.UNKNOWN) {
            throw new WorkflowException(Text.of("library.settings.notImage", file.getFileName()));
        }
        Map<String, String> text = type == ImageType.PNG ? PngText.read(bytes) : ExifText.read(bytes);
        if (text.containsKey("workflow") || text.containsKey("prompt")) {
            try {
                return new Graph(WorkflowImporter.fromBytes(file.getFileName().toString(), bytes));
            } catch (WorkflowException e) {
                if (!text.containsKey("parameters")) {
                    throw e;
                }
            }
        }
        String parameters = text.get("parameters");
        if (parameters == null || parameters.isBlank()) {
            throw new WorkflowException(Text.of("library.settings.none", file.getFileName()));
        }
        Map<Parameter, Object> values = new EnumMap<>(A1111Parameters.parse(parameters).values());
        // A1111's sampler and schedule names, as ComfyUI spells them; one ComfyUI lacks is left as the graph has it
        Object sampler = values.remove(Parameter.SAMPLER);
        String name = sampler == null ? "" : sampler.toString();
        if (name.endsWith(" Karras")) {
            values.putIfAbsent(Parameter.SCHEDULER, "Karras");
            name = name.substring(0, name.length() - " Karras".length());
        }
        if (COMFY_SAMPLERS.containsKey(name)) {
            values.put(Parameter.SAMPLER, COMFY_SAMPLERS.get(name));
        }
        Object schedule = values.remove(Parameter.SCHEDULER);
        String scheduler = schedule == null ? "" : schedule.toString().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (Set.of("normal", "karras", "exponential", "sgm_uniform", "simple", "ddim_uniform", "beta")
                .contains(scheduler)) {
            values.put(Parameter.SCHEDULER, scheduler);
        }
        return new Values(values);
    }

    /** A1111 sampler names and ComfyUI's for the same sampler. */
    Map<String, String> COMFY_SAMPLERS = Map.ofEntries(Map.entry("Euler", "euler"),
            Map.entry("Euler a", "euler_ancestral"), Map.entry("Heun", "heun"), Map.entry("LMS", "lms"),
            Map.entry("DPM2", "dpm_2"), Map.entry("DPM2 a", "dpm_2_ancestral"), Map.entry("DPM++ 2S a", "dpmpp_2s_ancestral"),
            Map.entry("DPM++ 2M", "dpmpp_2m"), Map.entry("DPM++ SDE", "dpmpp_sde"), Map.entry("DPM++ 2M SDE", "dpmpp_2m_sde"),
            Map.entry("DPM++ 3M SDE", "dpmpp_3m_sde"), Map.entry("DPM fast", "dpm_fast"),
            Map.entry("DPM adaptive", "dpm_adaptive"), Map.entry("DDIM", "ddim"), Map.entry("UniPC", "uni_pc"),
            Map.entry("LCM", "lcm"), Map.entry("euler", "euler"), Map.entry("euler_ancestral", "euler_ancestral"),
            Map.entry("dpmpp_2m", "dpmpp_2m"), Map.entry("dpmpp_2m_sde", "dpmpp_2m_sde"), Map.entry("uni_pc", "uni_pc"),
            Map.entry("ddim", "ddim"), Map.entry("heun", "heun"), Map.entry("lcm", "lcm"));
}
