package org.parley.topology;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** HTTP clients that trust the proxy's self-signed certificate (and nothing else), as a browser told to would. */
final class ProxyClients {
    private final SSLContext tls;
    private final X509TrustManager trust;

    ProxyClients(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trust = (X509TrustManager) factory.getTrustManagers()[0];
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + certificate, e);
        }
    }

    HttpClient http() {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    OkHttpClient okHttp() {
        return new OkHttpClient.Builder().sslSocketFactory(tls.getSocketFactory(), trust)
                .readTimeout(Duration.ofMinutes(1)).build();
    }
}
