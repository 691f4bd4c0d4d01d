package org.parley.files;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file as a message shows it. {@code url} and {@code thumbnailUrl} answer with the Bearer
 * header; clients that need links for tags ({@code <img>}, {@code <video>}) ask for signed ones.
 * {@code thumbnailUrl} is absent until a preview exists; width and height are those of images.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(String id, String name, long size, String contentType, String kind,
                         Integer width, Integer height, String url, String thumbnailUrl) {

    public static String contentUrl(String fileId) {
        return "/api/files/" + fileId + "/content";
    }

    public static String thumbnailUrl(String fileId) {
        return "/api/files/" + fileId + "/thumbnail";
    }
}
