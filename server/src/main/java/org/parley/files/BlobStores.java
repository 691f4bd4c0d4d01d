package org.parley.files;

import org.parley.config.ParleyConfig;

/** Opens the blob store the configuration names: the local directory or an S3-compatible bucket. */
public final class BlobStores {
    private BlobStores() {}

    public static BlobStore open(ParleyConfig.Files config) {
        return config.usesS3() ? S3BlobStore.open(config.s3()) : new LocalBlobStore(config.dir());
    }
}
