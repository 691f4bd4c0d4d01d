package org.parley.files;

import java.util.Set;

/**
 * What a sniffed content type means for showing a file: its kind (image, video, audio, pdf or
 * file) and whether a browser may show it inline. Inline is an allow-list of types a browser
 * renders without running anything: raster images, mp4/webm video, common audio and PDF. Every
 * other type (SVG, HTML, XML, scripts, unknown) is served as an attachment.
 */
final class FileKinds {
    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final Set<String> VIDEOS = Set.of("video/mp4", "video/webm");
    private static final Set<String> AUDIO = Set.of("audio/mpeg", "audio/ogg", "audio/vorbis", "audio/opus",
            "audio/wav", "audio/x-wav", "audio/vnd.wave", "audio/webm", "audio/aac", "audio/x-aac", "audio/mp4",
            "audio/x-m4a");
    private static final Set<String> INLINE_EXTRA = Set.of("image/bmp", "image/avif");

    private FileKinds() {}

    static String kindOf(String contentType) {
        String t = base(contentType);
        if (IMAGES.contains(t)) return "image";
        if (VIDEOS.contains(t)) return "video";
        if (AUDIO.contains(t)) return "audio";
        if (t.equals("application/pdf")) return "pdf";
        return "file";
    }

    static boolean inline(String contentType) {
        String t = base(contentType);
        return IMAGES.contains(t) || VIDEOS.contains(t) || AUDIO.contains(t) || t.equals("application/pdf")
                || INLINE_EXTRA.contains(t);
    }

    /** Whether previews are made for this type: the four raster image types and PDF. */
    static boolean previewable(String contentType) {
        String t = base(contentType);
        return IMAGES.contains(t) || t.equals("application/pdf");
    }

    private static String base(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase();
    }
}
