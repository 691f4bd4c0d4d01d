package org.parley.files;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.parley.config.ParleyConfig;

/** An S3-compatible server (S3Proxy over an in-memory jclouds store) in the test JVM, with one bucket. */
final class TestS3 implements AutoCloseable {
    static final String ACCESS = "parley-access";
    static final String SECRET = "parley-secret-key";
    static final String BUCKET = "parley-files";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    TestS3() throws Exception {
        Properties props = new Properties();
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(props)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) Thread.sleep(25);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    ParleyConfig.S3 config() {
        return new ParleyConfig.S3(endpoint(), "us-east-1", BUCKET, ACCESS, SECRET);
    }

    /** Object names in the bucket under a prefix. */
    java.util.List<String> names(String prefix) {
        return context.getBlobStore().list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder
                        .prefix(prefix).recursive()).stream().map(m -> m.getName()).toList();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
