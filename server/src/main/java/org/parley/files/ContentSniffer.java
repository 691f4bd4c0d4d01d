package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;

/**
 * Decides what a finished upload is from its bytes alone (the client's claimed type and the
 * name's extension are never trusted): the content type by Tika's magic numbers over the first
 * 64 KiB, and for images the width and height from the header through an ImageIO reader, which
 * reads the header without decoding any pixels. An image whose header claims more than
 * {@code maxPixels} keeps its header size but gets no preview ({@code too_large}); an image
 * whose header cannot be read is an image with no size and no preview.
 */
final class ContentSniffer {
    static final int PREFIX = 64 * 1024;

    private final Tika tika = new Tika();
    private final long maxPixels;

    ContentSniffer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    Sniffed sniff(BlobStore blobs, String key, long size) throws IOException {
        byte[] prefix;
        try (InputStream in = blobs.read(key, 0, Math.min(size, PREFIX))) {
            prefix = in.readAllBytes();
        }
        String type = tika.detect(prefix);
        if (type == null || type.isBlank()) type = "application/octet-stream";
        String kind = FileKinds.kindOf(type);
        if (!FileKinds.previewable(type)) return new Sniffed(type, kind, null, null, "none");
        if (!kind.equals("image")) return new Sniffed(type, kind, null, null, "pending");
        int[] dims;
        try (InputStream in = blobs.read(key, 0, size)) {
            dims = dimensions(in, type);
        }
        if (dims == null) return new Sniffed(type, kind, null, null, "failed");
        if (type.equals("image/jpeg")) dims = displayed(dims, ExifOrientation.of(prefix));
        String preview = (long) dims[0] * dims[1] > maxPixels ? "too_large" : "pending";
        return new Sniffed(type, kind, dims[0], dims[1], preview);
    }

    /** Width and height from the image header, as displayed (EXIF rotations by 90 degrees swap them); null if unreadable. */
    static int[] dimensions(InputStream in, String type) {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) return null;
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) return null;
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static int[] displayed(int[] dims, int orientation) {
        return orientation >= 5 && orientation <= 8 ? new int[] {dims[1], dims[0]} : dims;
    }
}
