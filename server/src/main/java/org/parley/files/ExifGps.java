package org.parley.files;

/**
 * Removes the GPS position from a JPEG's EXIF, in place and without changing the length: the
 * GPS IFD that IFD0's tag 0x8825 points to is emptied (its entry count set to 0, its entries and
 * every value they point to overwritten with zeros). Works on the first bytes of the file, where
 * the APP1 segment sits; bounds are checked on every access, so malformed EXIF changes nothing.
 */
final class ExifGps {
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    private ExifGps() {}

    /** Empties the GPS IFD of the JPEG whose first bytes are {@code b}; true when something was removed. */
    static boolean strip(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) return false;
        int p = 2;
        boolean changed = false;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xff) != 0xFF) return changed;
            int marker = b[p + 1] & 0xff;
            if (marker == 0xDA || marker == 0xD9) return changed;
            int len = u16(b, p + 2, false);
            if (len < 2) return changed;
            if (marker == 0xE1 && p + 10 <= b.length && b[p + 4] == 'E' && b[p + 5] == 'x' && b[p + 6] == 'i'
                    && b[p + 7] == 'f' && b[p + 8] == 0 && b[p + 9] == 0) {
                changed |= stripTiff(b, p + 10, Math.min(b.length, p + 2 + len));
            }
            p += 2 + len;
        }
        return changed;
    }

    private static boolean stripTiff(byte[] b, int t, int end) {
        if (t + 8 > end) return false;
        boolean little = b[t] == 'I' && b[t + 1] == 'I';
        if (!little && !(b[t] == 'M' && b[t + 1] == 'M')) return false;
        long ifd0 = u32(b, t + 4, little);
        if (ifd0 < 8 || t + ifd0 + 2 > end) return false;
        int at = (int) (t + ifd0);
        int count = u16(b, at, little);
        for (int i = 0; i < count; i++) {
            int e = at + 2 + i * 12;
            if (e + 12 > end) return false;
            if (u16(b, e, little) != 0x8825) continue;
            long gps = u32(b, e + 8, little);
            if (gps < 8 || t + gps + 2 > end) return false;
            return emptyIfd(b, t, (int) (t + gps), end, little);
        }
        return false;
    }

    private static boolean emptyIfd(byte[] b, int t, int at, int end, boolean little) {
        int count = u16(b, at, little);
        if (at + 2 + count * 12 > end) return false;
        for (int i = 0; i < count; i++) {
            int e = at + 2 + i * 12;
            int type = u16(b, e + 2, little);
            long n = u32(b, e + 4, little);
            long size = type > 0 && type < TYPE_SIZES.length ? TYPE_SIZES[type] * n : 0;
            if (size > 4) {
                long off = u32(b, e + 8, little);
                if (off >= 8 && t + off + size <= end) java.util.Arrays.fill(b, (int) (t + off), (int) (t + off + size), (byte) 0);
            }
            java.util.Arrays.fill(b, e, e + 12, (byte) 0);
        }
        b[at] = 0;
        b[at + 1] = 0;
        return count > 0;
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
