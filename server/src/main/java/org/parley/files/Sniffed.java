package org.parley.files;

/**
 * What the bytes of a finished upload are: the sniffed content type, its kind, the image size
 * read from the header (null for non-images), and the preview state to start with
 * ({@code pending}, {@code none} when no preview can exist, {@code too_large} for images beyond
 * the pixel limit).
 */
record Sniffed(String contentType, String kind, Integer width, Integer height, String previewState) {}
