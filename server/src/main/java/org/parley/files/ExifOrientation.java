package org.parley.files;

/**
 * Reads the EXIF orientation (1-8, 1 = as stored) of a JPEG from its first bytes: the APP1
 * {@code Exif} segment's TIFF header and the 0x0112 entry of IFD0. Anything unexpected means 1.
 * Bounds are checked on every read, so a malformed header cannot throw.
 */
final class ExifOrientation {
    private ExifOrientation() {}

    static int of(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) return 1;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xff) != 0xFF) return 1;
            int marker = b[p + 1] & 0xff;
            if (marker == 0xDA || marker == 0xD9) return 1;
            int len = u16(b, p + 2, false);
            if (len < 2) return 1;
            if (marker == 0xE1 && p + 10 <= b.length && b[p + 4] == 'E' && b[p + 5] == 'x' && b[p + 6] == 'i'
                    && b[p + 7] == 'f' && b[p + 8] == 0 && b[p + 9] == 0) {
                int o = tiff(b, p + 10, Math.min(b.length, p + 2 + len));
                if (o != 1) return o;
            }
            p += 2 + len;
        }
        return 1;
    }

    private static int tiff(byte[] b, int t, int end) {
        if (t + 8 > end) return 1;
        boolean little = b[t] == 'I' && b[t + 1] == 'I';
        if (!little && !(b[t] == 'M' && b[t + 1] == 'M')) return 1;
        long ifd = u32(b, t + 4, little);
        if (ifd < 8 || t + ifd + 2 > end) return 1;
        int at = (int) (t + ifd);
        int count = u16(b, at, little);
        for (int i = 0; i < count; i++) {
            int e = at + 2 + i * 12;
            if (e + 12 > end) return 1;
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int x = b[p] & 0xff;
        int y = b[p + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int p, boolean little) {
        long hi = u16(b, little ? p + 2 : p, little);
        long lo = u16(b, little ? p : p + 2, little);
        return (hi << 16) | lo;
    }
}
