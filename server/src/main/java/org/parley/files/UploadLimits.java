package org.parley.files;

import java.time.Duration;
import org.parley.config.ParleyConfig;

/** The limits every upload is held to, from the configuration. */
public record UploadLimits(long maxBytes, long quotaBytes, int concurrentPerUser, int perMinute, Duration expiry) {

    public static UploadLimits of(ParleyConfig.Files files) {
        return new UploadLimits(files.uploadMaxBytes(), files.uploadQuotaBytes(), files.uploadsConcurrentPerUser(),
                files.uploadsPerMinute(), files.uploadExpiry());
    }
}
