package dev.easel.library;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.workflow.WorkflowJson;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's grid as one picture: the cells' pictures side by side (X across, Y down, one block per Z value), the
 * values of each axis written beside them, a cell without a picture shown crossed out. Its {@code easel-grid} text
 * names the axes and links each cell to its picture and job.
 */
public final class GridPicture {

    /** The longest side of a cell, and of the whole picture. */
    static final int MAX_CELL = 512;
    static final int MAX_SIDE = 8192;

    /** One axis: its name and the label of each value. */
    public record Axis(String name, List<String> labels) {
        public Axis {
            labels = List.copyOf(labels);
        }
    }

    /**
     * One cell: its picture (null when the job gave none), its Runpod job and its seed.
     *
     * @param state the job's end ("COMPLETED", "FAILED", "CANCELLED"), for the metadata
     */
    public record Cell(Path file, String runpodId, Long seed, String state) { }

    /** What a grid shows and where it came from. */
    public record Grid(String sweepId, String title, String endpointName, List<Axis> axes, List<Cell> cells,
                       Instant created) {
        public Grid {
            axes = List.copyOf(axes);
            cells = List.copyOf(cells);
        }

        int size(int i) {
            return i < axes.size() ? axes.get(i).labels().size() : 1;
        }
    }

    /** Where the parts of a grid are drawn: cells {@code cw} × {@code ch}, {@code GAP} apart. */
    record Geometry(int cw, int ch, int font, int left, int top, int zHead, int titleH, int width, int height,
                    int nx, int ny) {
        static final int GAP = 4;

        int blockHeight() {
            return zHead + top + ny * (ch + GAP);
        }

        /** Cell {@code n}'s box: x, y, width, height. */
        int[] box(int n) {
            int x = n % nx;
            int y = n / nx % ny;
            int z = n / (nx * ny);
            return new int[] {left + x * (cw + GAP), titleH + z * blockHeight() + zHead + top + y * (ch + GAP), cw, ch};
        }
    }

    private static final Color PAPER = new Color(0xfafafa);
    private static final Color INK = new Color(0x24292f);
    private static final Color MISSING = new Color(0xd8dee4);

    private GridPicture() {
    }

    /** A grid drawn: the picture and where its cells are. */
    record Drawn(BufferedImage image, Geometry geometry) {
        /** As a PNG, without text chunks. */
        byte[] png() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }

    private static Geometry geometry(Grid g, int w, int h) {
        int nx = g.size(0);
        int ny = g.size(1);
        int nz = g.size(2);
        double scale = Math.min(1, Math.min((double) MAX_CELL / Math.max(w, h),
                Math.min((double) MAX_SIDE / (nx * w), (double) MAX_SIDE / (ny * nz * h))));
        int cw = Math.max(16, (int) Math.round(w * scale));
        int ch = Math.max(16, (int) Math.round(h * scale));
        int font = Math.max(12, Math.min(22, cw / 12));
        int top = font * 2 + 8;
        int left = Geometry.GAP + (g.axes().size() >= 2 ? Math.min(cw, font * 9) : 0);
        int zHead = nz > 1 ? font * 2 + 8 : 0;
        int titleH = font * 2 + 12;
        Geometry geo = new Geometry(cw, ch, font, left, top, zHead, titleH, 0, 0, nx, ny);
        return new Geometry(cw, ch, font, left, top, zHead, titleH, left + nx * (cw + Geometry.GAP),
                titleH + nz * geo.blockHeight(), nx, ny);
    }

    static Drawn draw(Grid g) {
        List<BufferedImage> pictures = new ArrayList<>();
        int w = 0;
        int h = 0;
        for (Cell c : g.cells()) {
            BufferedImage p = c.file() == null ? null : read(c.file());
            pictures.add(p);
            if (p != null && w == 0) {
                w = p.getWidth();
                h = p.getHeight();
            }
        }
        if (w == 0) {
            w = MAX_CELL;
            h = MAX_CELL;
        }
        Geometry geo = geometry(g, w, h);
        int width = geo.width();
        int height = geo.height();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            gr.setColor(PAPER);
            gr.fillRect(0, 0, width, height);
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, geo.font());
            Font bold = plain.deriveFont(Font.BOLD);
            gr.setColor(INK);
            text(gr, bold, g.title(), 8, 0, width - 16, geo.titleH(), false);
            int nx = g.size(0);
            int ny = g.size(1);
            for (int z = 0; z < g.size(2); z++) {
                int y0 = geo.titleH() + z * geo.blockHeight();
                if (g.size(2) > 1) {
                    text(gr, bold, g.axes().get(2).name() + ": " + g.axes().get(2).labels().get(z), 8, y0, width - 16,
                            geo.zHead(), false);
                }
                for (int x = 0; x < nx && !g.axes().isEmpty(); x++) {
                    int[] box = geo.box(x + z * nx * ny);
                    String label = (x == 0 ? g.axes().getFirst().name() + ": " : "") + g.axes().getFirst().labels().get(x);
                    text(gr, plain, label, box[0] + 4, y0 + geo.zHead(), box[2] - 8, geo.top(), true);
                }
                for (int y = 0; y < ny && g.axes().size() >= 2; y++) {
                    int[] box = geo.box(nx * (y + ny * z));
                    String label = (y == 0 ? g.axes().get(1).name() + ": " : "") + g.axes().get(1).labels().get(y);
                    text(gr, plain, label, 4, box[1], geo.left() - 12, box[3], true);
                }
            }
            for (int n = 0; n < nx * ny * g.size(2); n++) {
                BufferedImage p = n < pictures.size() ? pictures.get(n) : null;
                int[] box = geo.box(n);
                if (p != null) {
                    gr.drawImage(p, box[0], box[1], box[2], box[3], null);
                } else {
                    crossed(gr, box[0], box[1], box[2], box[3]);
                }
            }
        } finally {
            gr.dispose();
        }
        return new Drawn(img, geo);
    }

    private static void crossed(Graphics2D gr, int x, int y, int w, int h) {
        gr.setColor(MISSING);
        gr.fillRect(x + 1, y + 1, w - 2, h - 2);
        gr.setColor(PAPER);
        gr.setStroke(new BasicStroke(3));
        gr.drawLine(x + w / 4, y + h / 4, x + 3 * w / 4, y + 3 * h / 4);
        gr.drawLine(x + 3 * w / 4, y + h / 4, x + w / 4, y + 3 * h / 4);
        gr.setColor(INK);
    }

    /** Writes {@code s} in the box, shortened in the middle with "…" to fit, centred when asked, else from the left. */
    private static void text(Graphics2D gr, Font f, String s, int x, int y, int w, int h, boolean centre) {
        if (w <= 0 || s == null || s.isEmpty()) {
            return;
        }
        gr.setFont(f);
        FontMetrics m = gr.getFontMetrics();
        String shown = shorten(s, m, w);
        int tx = centre ? x + (w - m.stringWidth(shown)) / 2 : x;
        int ty = y + (h - m.getHeight()) / 2 + m.getAscent();
        gr.drawString(shown, tx, ty);
    }

    /** {@code s}, cut in the middle with "…" until it fits {@code w}: seeds that differ in their last digits stay apart. */
    static String shorten(String s, FontMetrics m, int w) {
        String shown = s;
        for (int keep = s.length() - 1; keep > 0 && m.stringWidth(shown) > w; keep--) {
            shown = s.substring(0, (keep + 1) / 2) + "\u2026" + s.substring(s.length() - keep / 2);
        }
        return shown;
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged or vanished picture is shown as a cell without one
        }
    }

    /** The {@code easel-grid} text: the sweep, its axes, and each cell's place, file, job and seed. */
    static Map<String, String> metadata(Grid g, Geometry geo) {
        ObjectNode meta = WorkflowJson.MAPPER.createObjectNode();
        meta.put("sweep", g.sweepId());
        meta.put("title", g.title());
        meta.put("endpoint", g.endpointName());
        meta.put("created", g.created().toString());
        ArrayNode axes = meta.putArray("axes");
        for (int i = 0; i < g.axes().size(); i++) {
            ObjectNode a = axes.addObject();
            a.put("axis", "XYZ".substring(i, i + 1));
            a.put("name", g.axes().get(i).name());
            ArrayNode values = a.putArray("values");
            g.axes().get(i).labels().forEach(values::add);
        }
        ArrayNode cells = meta.putArray("cells");
        int nx = g.size(0);
        int ny = g.size(1);
        for (int n = 0; n < g.cells().size(); n++) {
            Cell c = g.cells().get(n);
            ObjectNode o = cells.addObject();
            o.put("x", n % nx);
            o.put("y", n / nx % ny);
            o.put("z", n / (nx * ny));
            o.put("state", c.state());
            ArrayNode box = o.putArray("box"); // x, y, width, height in the grid picture
            for (int v : geo.box(n)) {
                box.add(v);
            }
            if (c.file() != null) {
                o.put("file", c.file().getFileName().toString());
            }
            if (c.runpodId() != null) {
                o.put("job_id", c.runpodId());
            }
            if (c.seed() != null) {
                o.put("seed", c.seed());
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("easel-grid", WorkflowJson.compact(meta));
        return m;
    }
}
