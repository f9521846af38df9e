package dev.easel.library;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.AtomicFiles;
import dev.easel.text.ExplainedIOException;
import dev.easel.text.Refused;
import dev.easel.text.Text;
import dev.easel.workflow.ImageType;
import dev.easel.workflow.PngText;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.ImageWriter;
import javax.imageio.ImageWriteParam;
import javax.imageio.IIOImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies library images out to a folder: as PNG with every piece of metadata they carry, or as JPEG with the A1111
 * {@code parameters} text in EXIF UserComment; named by a pattern; optionally with a JSON sidecar. Existing files
 * are never replaced. What Easel exports never holds an API key: it never stores one with an image.
 */
public final class Exporter {

    /** The formats Easel exports to; JPEG and WebP at a quality, the others exact. */
    public enum Format {
        PNG("png"), JPEG("jpg"), WEBP("webp"), WEBP_LOSSLESS("webp");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * @param pattern file name without extension; tokens {@code {original} {date} {time} {prompt} {seed} {width}
     *                {height} {template} {id} {n}}
     */
    public record Options(Path folder, Format format, String pattern, boolean sidecar, float quality) {
        public static final String DEFAULT_PATTERN = "{original}";
        /** The quality of a JPEG or lossy WebP export when none is chosen. */
        public static final float DEFAULT_QUALITY = 0.9f;

        /** @param quality 0 to 1 for JPEG and lossy WebP (0 or less: the default, 0.9) */
        public Options {
            pattern = pattern == null || pattern.isBlank() ? DEFAULT_PATTERN : pattern.strip();
            quality = quality <= 0 || quality > 1 ? DEFAULT_QUALITY : quality;
        }
    }

    /** What an export did. */
    public record Report(List<Path> written, List<Text> problems) { }

    private static final Pattern TOKEN = Pattern.compile("\\{([a-z]+)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    private final ZoneId zone;

    public Exporter(ZoneId zone) {
        this.zone = zone;
    }

    /** Checks a pattern before anything is written: unknown tokens are a mistake worth saying. */
    public static void checkPattern(String pattern) {
        Matcher m = TOKEN.matcher(pattern == null ? "" : pattern);
        while (m.find()) {
            if (!List.of("original", "date", "time", "prompt", "seed", "width", "height", "template", "id", "n")
                    .contains(m.group(1))) {
                throw new Refused(Text.of("library.export.unknownPart", "{" + m.group(1) + "}",
                        "{original}, {date}, {time}, {prompt}, {seed}, {width}, {height}, {template}, {id} or {n}"));
            }
        }
    }

    /** Exports the images in order; one that fails is reported and the others still go. */
    public Report export(List<Artwork> images, Options o) throws IOException {
        checkPattern(o.pattern());
        Files.createDirectories(o.folder());
        List<Path> written = new ArrayList<>();
        List<Text> problems = new ArrayList<>();
        int n = 0;
        for (Artwork a : images) {
            n++;
            try {
                byte[] source = Files.readAllBytes(a.file());
                Map<String, String> text = texts(source);
                // the image's own parameters text when it carries one, else one written from the index
                String parameters = text.getOrDefault("parameters", a.parameters());
                byte[] out = switch (o.format()) {
                    case PNG -> png(source, parameters);
                    case JPEG -> jpeg(source, parameters, o.quality());
                    case WEBP -> webp(source, parameters, false, o.quality());
                    case WEBP_LOSSLESS -> webp(source, parameters, true, o.quality());
                };
                Path file = claim(o.folder(), name(a, o.pattern(), n), o.format().extension(), out);
                written.add(file);
                if (o.sidecar()) {
                    String stem = file.getFileName().toString();
                    stem = stem.substring(0, stem.lastIndexOf('.'));
                    claim(o.folder(), stem, "json", WorkflowJson.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(sidecar(a, text, parameters, file)));
                }
            } catch (NoSuchFileException e) {
                problems.add(Text.of("library.export.missing", a.file().getFileName()));
            } catch (IOException | RuntimeException e) {
                problems.add(Text.of("library.export.failed", a.file().getFileName(), Text.cause(e)));
            }
        }
        return new Report(written, problems);
    }

    /** The file name a pattern gives an image (without extension), made safe for every file system. */
    String name(Artwork a, String pattern, int n) {
        var created = a.created().atZone(zone);
        String original = a.file().getFileName().toString();
        int dot = original.lastIndexOf('.');
        Map<String, String> values = new LinkedHashMap<>();
        values.put("original", dot > 0 ? original.substring(0, dot) : original);
        values.put("date", DATE.format(created));
        values.put("time", TIME.format(created));
        values.put("prompt", ResultStore.slug(a.prompt(), 6));
        values.put("seed", a.seed() == null ? "" : a.seed().toString());
        values.put("width", Integer.toString(a.width()));
        values.put("height", Integer.toString(a.height()));
        values.put("template", a.templateId() == null ? "" : a.templateId());
        values.put("id", Long.toString(a.id()));
        values.put("n", String.format(Locale.ROOT, "%03d", n));
        Matcher m = TOKEN.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(sb);
        String safe = sb.toString().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (safe.length() > 150) {
            safe = safe.substring(0, 150);
        }
        return safe.isEmpty() ? "image-" + a.id() : safe;
    }

    private static Path claim(Path folder, String stem, String ext, byte[] bytes) throws IOException {
        return AtomicFiles.createNew(folder, stem, ext, bytes);
    }

    /** A PNG as saved keeps its bytes, metadata and all; another image becomes a PNG with a parameters text. */
    private static byte[] png(byte[] source, String parameters) throws IOException {
        if (ImageType.detect(source) == ImageType.PNG) {
            return source;
        }
        BufferedImage img = decode(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return PngChunks.withText(out.toByteArray(), Map.of("parameters", parameters));
    }

    private static byte[] jpeg(byte[] source, String parameters, float quality) throws IOException {
        BufferedImage img = decode(source);
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return JpegExif.withUserComment(ThumbnailCache.jpeg(rgb, quality), parameters);
    }

    /**
     * A WebP through libwebp (webp-imageio), the parameters in an EXIF chunk. Lossless when asked (its quality then
     * is libwebp's effort: 0.75 of it, as the gain beyond is small and slow), else lossy at {@code quality}. Where
     * libwebp can't load (a platform it has no native library for), a lossless export falls back to Easel's own
     * encoder, larger but exact; a lossy one says why it can't be made.
     */
    private static byte[] webp(byte[] source, String parameters, boolean lossless, float quality) throws IOException {
        BufferedImage img = decode(source);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] exif = JpegExif.tiff(parameters);
        var writers = ImageIO.getImageWritersByMIMEType("image/webp");
        if (!writers.hasNext()) {
            if (lossless) {
                return WebpWriter.write(img.getRGB(0, 0, w, h, null, 0, w), w, h, exif);
            }
            throw new ExplainedIOException(Text.of("library.export.noLibwebp"));
        }
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(lossless ? "Lossless" : "Lossy");
            p.setCompressionQuality(lossless ? 0.75f : quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            return WebpWriter.withExif(out.toByteArray(), w, h, img.getColorModel().hasAlpha(), exif);
        } catch (RuntimeException | LinkageError e) { // the native library failed: said, not thrown on
            throw new ExplainedIOException(Text.of("library.export.webpFailed", e.getMessage()), e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage decode(byte[] source) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(source));
        if (img == null) {
            throw new ExplainedIOException(Text.of("library.export.notImage"));
        }
        return img;
    }

    private static Map<String, String> texts(byte[] source) {
        if (ImageType.detect(source) != ImageType.PNG) {
            return Map.of();
        }
        try {
            return PngText.read(source);
        } catch (WorkflowException e) {
            return Map.of();
        }
    }

    private ObjectNode sidecar(Artwork a, Map<String, String> text, String parameters, Path exported) {
        ObjectNode j = WorkflowJson.MAPPER.createObjectNode();
        j.put("file", exported.getFileName().toString());
        j.put("source", a.file().toString());
        j.put("prompt", a.prompt());
        j.put("negative_prompt", a.negativePrompt());
        if (a.seed() != null) {
            j.put("seed", a.seed());
        }
        j.put("width", a.width());
        j.put("height", a.height());
        try {
            j.set("parameters", WorkflowJson.parse(a.paramsJson()));
        } catch (WorkflowException e) {
            j.putObject("parameters");
        }
        j.put("a1111_parameters", parameters);
        j.put("template", a.templateId());
        j.put("endpoint", a.endpoint());
        j.put("job_id", a.runpodId());
        if (a.delay() != null) {
            j.put("delay_ms", a.delay().toMillis());
        }
        if (a.execution() != null) {
            j.put("execution_ms", a.execution().toMillis());
        }
        j.put("cost_usd", a.cost());
        j.put("created", a.created().atZone(zone).toOffsetDateTime().toString());
        for (String key : List.of("prompt", "workflow")) {
            if (text.get(key) != null) {
                try {
                    j.set(key.equals("prompt") ? "comfyui_prompt" : "comfyui_workflow", WorkflowJson.parse(text.get(key)));
                } catch (WorkflowException e) {
                    // damaged: left out
                }
            }
        }
        return j;
    }
}
