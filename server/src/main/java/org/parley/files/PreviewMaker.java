package org.parley.files;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Makes a preview of at most {@value #MAX_EDGE} pixels on the longer edge: for JPEG, PNG, GIF
 * (first frame) and WebP the image read with subsampling (so decoding costs memory near the
 * preview's size, not the original's) and scaled, with the JPEG's EXIF orientation applied; for
 * PDF the first page rendered. The preview is a new image written fresh, so it carries none of
 * the original's metadata. Images beyond {@code maxPixels} are never decoded. Anything
 * unreadable gives no preview.
 */
final class PreviewMaker {
    static final int MAX_EDGE = 640;

    record Preview(byte[] bytes, String format) {}

    private final long maxPixels;

    PreviewMaker(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    Optional<Preview> make(BlobStore blobs, String key, String contentType, long size) throws IOException {
        if ("application/pdf".equals(contentType)) return pdf(blobs, key, size);
        int orientation = 1;
        if ("image/jpeg".equals(contentType)) {
            try (InputStream in = blobs.read(key, 0, Math.min(size, ContentSniffer.PREFIX))) {
                orientation = ExifOrientation.of(in.readAllBytes());
            }
        }
        BufferedImage image;
        try (InputStream in = blobs.read(key, 0, size)) {
            image = decode(in, contentType);
        }
        if (image == null) return Optional.empty();
        return Optional.of(encode(oriented(scaled(image), orientation)));
    }

    private BufferedImage decode(InputStream in, String contentType) throws IOException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
            if (iis == null || !readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > maxPixels) return null;
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(w, h) / (2L * MAX_EDGE));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private Optional<Preview> pdf(BlobStore blobs, String key, long size) throws IOException {
        Path tmp = Files.createTempFile("parley-pdf-", ".pdf");
        try {
            try (InputStream in = blobs.read(key, 0, size)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (PDDocument doc = Loader.loadPDF(tmp.toFile())) {
                if (doc.getNumberOfPages() < 1) return Optional.empty();
                PDRectangle box = doc.getPage(0).getCropBox();
                float edge = Math.max(box.getWidth(), box.getHeight());
                if (edge <= 0) return Optional.empty();
                float scale = Math.min(4f, MAX_EDGE / edge);
                BufferedImage page = new PDFRenderer(doc).renderImage(0, scale);
                return Optional.of(encode(page));
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static BufferedImage scaled(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        double f = Math.min(1.0, (double) MAX_EDGE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        boolean alpha = src.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(tw, th, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Applies EXIF orientation 2-8 (mirrors and quarter turns); 1 or unknown leaves the image as is. */
    static BufferedImage oriented(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) return src;
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, src.getType() == 0 ? BufferedImage.TYPE_INT_RGB : src.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Preview encode(BufferedImage image) throws IOException {
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = image;
        if (!alpha && image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String format = alpha ? "png" : "jpg";
        if (!ImageIO.write(out, alpha ? "png" : "jpeg", bytes)) throw new IOException("No writer for " + format);
        return new Preview(bytes.toByteArray(), format);
    }
}
