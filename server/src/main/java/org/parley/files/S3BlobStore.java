package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.parley.config.ParleyConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in an S3-compatible bucket, addressed path-style at any endpoint. Objects cannot be
 * appended to, so an unfinished blob is a set of chunk objects, one per append, named
 * {@code partial/<key>/<offset>}: each tus PATCH is spooled to a local temporary file (so its
 * length is known and memory stays flat) and stored as one object. Chunks always start at an
 * offset the database recorded, so resuming after a failure drops chunks at or beyond the new
 * offset and the rest are contiguous. Completing concatenates the chunks into {@code blobs/<key>}
 * with a multipart upload of 8 MiB parts streamed from the chunks (multipart parts must be at
 * least 5 MiB, which arbitrary PATCH sizes are not, so chunks cannot become parts themselves;
 * copying them once costs bandwidth but is correct for any chunking), then deletes the chunks.
 * The finished object appears whole when the multipart upload completes, so nothing
 * half-written is ever served. Checksums are sent only where S3 requires them, which keeps the
 * store working with S3-compatible servers that lack the newer checksum headers.
 */
public final class S3BlobStore implements BlobStore {
    private static final int PART = 8 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final S3Client s3;
    private final String bucket;

    S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static S3BlobStore open(ParleyConfig.S3 config) {
        AwsCredentialsProvider credentials = config.accessKey().isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create());
        if (!config.endpoint().isEmpty()) b.endpointOverride(URI.create(config.endpoint()));
        return new S3BlobStore(b.build(), config.bucket());
    }

    @Override
    public Appended append(String key, long offset, InputStream in, long max, MessageDigest digest) throws IOException {
        dropChunksFrom(key, offset);
        Path spool = Files.createTempFile("parley-chunk-", ".part");
        try {
            long written = 0;
            boolean interrupted = false;
            try (OutputStream out = Files.newOutputStream(spool)) {
                byte[] buf = new byte[CHUNK];
                while (true) {
                    int n;
                    try {
                        n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, max - written)));
                    } catch (IOException e) {
                        interrupted = true;
                        break;
                    }
                    if (n < 0) break;
                    if (written + n > max) return new Appended(0, true, false);
                    out.write(buf, 0, n);
                    if (digest != null) digest.update(buf, 0, n);
                    written += n;
                }
            } catch (IOException e) {
                throw String.valueOf(e.getMessage()).contains("No space left")
                        ? new StorageFullException("No room to spool the upload.", e) : e;
            }
            if (written > 0) {
                s3.putObject(r -> r.bucket(bucket).key(chunkKey(key, offset)), RequestBody.fromFile(spool));
            }
            return new Appended(written, false, interrupted);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new IOException("S3 refused the upload chunk: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public void truncate(String key, long length) throws IOException {
        dropChunksFrom(key, length);
    }

    @Override
    public void complete(String key) throws IOException {
        List<S3Object> chunks = chunks(key);
        String target = finishedKey(key);
        if (chunks.isEmpty()) {
            if (exists(target)) return; // completed before; only the bookkeeping was lost
            s3.putObject(r -> r.bucket(bucket).key(target), RequestBody.empty());
            return;
        }
        long expected = 0;
        for (S3Object c : chunks) {
            if (offsetOf(c) != expected) throw new IOException("Chunks of " + key + " are not contiguous at " + expected);
            expected += c.size();
        }
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(target)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] part = new byte[PART];
            int filled = 0;
            for (S3Object c : chunks) {
                try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(c.key()))) {
                    int n;
                    while ((n = in.read(part, filled, PART - filled)) > 0) {
                        filled += n;
                        if (filled == PART) {
                            parts.add(uploadPart(target, uploadId, parts.size() + 1, part, filled));
                            filled = 0;
                        }
                    }
                }
            }
            if (filled > 0 || parts.isEmpty()) parts.add(uploadPart(target, uploadId, parts.size() + 1, part, filled));
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException | IOException e) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(uploadId));
            throw e instanceof IOException io ? io : new IOException("S3 could not join the chunks of " + key, e);
        }
        for (S3Object c : chunks) s3.deleteObject(r -> r.bucket(bucket).key(c.key()));
    }

    @Override
    public InputStream read(String key, long from, long length) throws IOException {
        if (length <= 0) return InputStream.nullInputStream();
        try {
            long last = length == Long.MAX_VALUE ? -1 : from + length - 1;
            String range = last < 0 ? "bytes=" + from + "-" : "bytes=" + from + "-" + last;
            return s3.getObject(r -> r.bucket(bucket).key(finishedKey(key)).range(range));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(finishedKey(key))).contentLength();
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        }
    }

    @Override
    public void put(String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(bucket).key(finishedKey(key)), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(finishedKey(key)));
        for (S3Object c : chunks(key)) s3.deleteObject(r -> r.bucket(bucket).key(c.key()));
    }

    @Override
    public void close() {
        s3.close();
    }

    private CompletedPart uploadPart(String target, String uploadId, int number, byte[] bytes, int length) {
        String etag = s3.uploadPart(r -> r.bucket(bucket).key(target).uploadId(uploadId).partNumber(number)
                .contentLength((long) length), RequestBody.fromInputStream(
                        new java.io.ByteArrayInputStream(bytes, 0, length), length)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private void dropChunksFrom(String key, long offset) {
        for (S3Object c : chunks(key)) {
            if (offsetOf(c) >= offset) s3.deleteObject(r -> r.bucket(bucket).key(c.key()));
        }
    }

    private List<S3Object> chunks(String key) {
        List<S3Object> out = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(partialPrefix(key))).contents().forEach(out::add);
        out.sort(Comparator.comparingLong(S3BlobStore::offsetOf));
        return out;
    }

    private boolean exists(String objectKey) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(objectKey));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    private static long offsetOf(S3Object o) {
        return Long.parseLong(o.key().substring(o.key().lastIndexOf('/') + 1));
    }

    private static String partialPrefix(String key) {
        return "partial/" + key + "/";
    }

    private static String chunkKey(String key, long offset) {
        return partialPrefix(key) + String.format("%019d", offset);
    }

    private static String finishedKey(String key) {
        return "blobs/" + key;
    }

}
