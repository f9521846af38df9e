package dev.easel.library;

import dev.easel.workflow.ExifText;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading EXIF and XMP text of JPEG and WebP pictures with metadata-extractor. */
class ExifTextTest {

    private static final String PROMPT = "{\"3\":{\"class_type\":\"EmptyImage\",\"inputs\":{\"width\":64,\"height\":64,"
            + "\"batch_size\":1,\"color\":0}},\"9\":{\"class_type\":\"SaveImage\",\"inputs\":{\"images\":[\"3\",0],"
            + "\"filename_prefix\":\"ComfyUI\"}}}";
    private static final String WORKFLOW = "{\"nodes\":[],\"links\":[],\"version\":0.4}";

    @Test
    void readsTheUserCommentAutomatic1111Writes() throws IOException {
        String text = "a lighthouse at dusk, ünïcödé ✓\nSteps: 20, Sampler: Euler a, Seed: 7, Size: 16x16";
        byte[] jpeg = JpegExif.withUserComment(ThumbnailCache.jpeg(new BufferedImage(16, 16,
                BufferedImage.TYPE_INT_RGB), 0.9f), text);

        assertThat(ExifText.read(jpeg)).containsEntry("parameters", text);
    }

    @Test
    void readsALittleEndianUnicodeComment() {
        String text = "a pier in fog\nSteps: 8, Seed: 31, Size: 16x16";
        byte[] comment = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII), text.getBytes(StandardCharsets.UTF_16LE));
        byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, Map.of(), comment);

        assertThat(ExifText.read(WebpWriter.write(new int[16 * 16], 16, 16, tiff))).containsEntry("parameters", text);
    }

    @Test
    void readsAnAsciiOrUndefinedComment() {
        byte[] ascii = concat("ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII), "Steps: 4".getBytes(StandardCharsets.US_ASCII));
        byte[] undefined = concat(new byte[8], "Steps: 5".getBytes(StandardCharsets.UTF_8));

        assertThat(ExifText.read(WebpWriter.write(new int[4], 2, 2, tiff(ByteOrder.BIG_ENDIAN, Map.of(), ascii))))
                .containsEntry("parameters", "Steps: 4");
        assertThat(ExifText.read(WebpWriter.write(new int[4], 2, 2, tiff(ByteOrder.BIG_ENDIAN, Map.of(), undefined))))
                .containsEntry("parameters", "Steps: 5");
    }

    @Test
    void readsThePromptAndWorkflowComfyUisSaveWebpWrites() throws WorkflowException {
        // ComfyUI: metadata[0x0110] = "prompt:{json}", then each extra_pnginfo key from 0x010f (Make) downwards
        byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, Map.of(0x0110, "prompt:" + PROMPT, 0x010F, "workflow:" + WORKFLOW), null);
        byte[] webp = WebpWriter.write(new int[64 * 64], 64, 64, tiff);

        Map<String, String> text = ExifText.read(webp);
        assertThat(text).containsEntry("prompt", PROMPT).containsEntry("workflow", WORKFLOW)
                .doesNotContainKey("parameters");

        WorkflowImporter.Imported imported = WorkflowImporter.fromBytes("ComfyUI_00001_.webp", webp);
        assertThat(imported.workflow().node("3").orElseThrow().classType()).isEqualTo("EmptyImage");
        assertThat(imported.uiGraph().path("version").asDouble()).isEqualTo(0.4);
        assertThat(imported.valid()).isTrue();
    }

    @Test
    void aCameraMakeIsNotAWorkflow() {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, Map.of(0x010F, "Canon", 0x0110, "Canon EOS R5"), null);

        assertThat(ExifText.read(WebpWriter.write(new int[4], 2, 2, tiff))).isEmpty();
    }

    @Test
    void readsTheXmpUserCommentPhotoToolsWrite() throws IOException {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"><exif:UserComment>"
                + "<rdf:Alt><rdf:li xml:lang=\"x-default\">a fox\nSteps: 12, Seed: 3</rdf:li></rdf:Alt></exif:UserComment>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        byte[] body = concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
                xmp.getBytes(StandardCharsets.UTF_8));
        byte[] jpeg = ThumbnailCache.jpeg(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 0.9f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((body.length + 2) >> 8);
        out.write((body.length + 2) & 0xff);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);

        assertThat(ExifText.read(out.toByteArray())).containsEntry("parameters", "a fox\nSteps: 12, Seed: 3");
    }

    @Test
    void aDamagedPictureReadsAsNoText() throws IOException {
        byte[] jpeg = JpegExif.withUserComment(ThumbnailCache.jpeg(new BufferedImage(16, 16,
                BufferedImage.TYPE_INT_RGB), 0.9f), "Steps: 20");
        byte[] webp = WebpWriter.write(new int[4], 2, 2, JpegExif.tiff("Steps: 20"));
        SplittableRandom random = new SplittableRandom(12);
        for (byte[] picture : new byte[][] {jpeg, webp}) {
            for (int cut = 0; cut < 120; cut++) {
                assertThat(ExifText.read(Arrays.copyOf(picture, cut))).doesNotContainKey("prompt");
            }
            for (int round = 0; round < 300; round++) {
                byte[] damaged = picture.clone();
                for (int k = 0; k < 4; k++) {
                    damaged[2 + random.nextInt(Math.min(120, damaged.length - 2))] = (byte) random.nextInt(256);
                }
                ExifText.read(damaged); // never throws
            }
        }
        assertThat(ExifText.read(new byte[0])).isEmpty();
        assertThat(ExifText.read("RIFF\0\0\0\0WEBPVP8X".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    /** A TIFF with IFD0 ASCII tags and, when given, an Exif IFD holding a UserComment. */
    private static byte[] tiff(ByteOrder order, Map<Integer, String> ascii, byte[] userComment) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(order);
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.putShort((short) 42).putInt(8);
        List<Integer> tags = new ArrayList<>(new TreeSet<>(ascii.keySet()));
        int entries = tags.size() + (userComment == null ? 0 : 1);
        int data = 8 + 2 + 12 * entries + 4;
        int exifIfd = data;
        List<byte[]> values = new ArrayList<>();
        for (int tag : tags) {
            values.add((ascii.get(tag) + "\0").getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] v : values) {
            exifIfd += v.length;
        }
        b.putShort((short) entries);
        int at = data;
        for (int i = 0; i < tags.size(); i++) {
            b.putShort(tags.get(i).shortValue()).putShort((short) 2).putInt(values.get(i).length).putInt(at);
            at += values.get(i).length;
        }
        if (userComment != null) {
            b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd);
        }
        b.putInt(0);
        values.forEach(b::put);
        if (userComment != null) {
            b.putShort((short) 1);
            b.putShort((short) 0x9286).putShort((short) 7).putInt(userComment.length).putInt(exifIfd + 18);
            b.putInt(0);
            b.put(userComment);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aWebpsSizeIsReadFromItsHeaderWithoutAWebpDecoder() {
        // the app ships no WebP decoder: the library's size comes from the header, whichever kind it is
        assertThat(ExifText.webpSize(WebpWriter.write(new int[40 * 30], 40, 30, null))).as("VP8L")
                .hasValueSatisfying(s -> assertThat(s).containsExactly(40, 30));
        assertThat(ExifText.webpSize(WebpWriter.write(new int[40 * 30], 40, 30, JpegExif.tiff("Steps: 4"))))
                .as("VP8X, as with EXIF").hasValueSatisfying(s -> assertThat(s).containsExactly(40, 30));
        // a lossy frame's header: frame tag, start code, 14-bit width and height
        byte[] vp8 = {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01, 0, 0};
        ByteArrayOutputStream riff = new ByteArrayOutputStream();
        riff.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        riff.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 8 + vp8.length).array());
        riff.writeBytes("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
        riff.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(vp8.length).array());
        riff.writeBytes(vp8);
        assertThat(ExifText.webpSize(riff.toByteArray())).as("VP8").hasValueSatisfying(s -> assertThat(s)
                .containsExactly(640, 480));
        assertThat(ExifText.webpSize(Arrays.copyOf(riff.toByteArray(), 20))).isEmpty();
    }
}
