package org.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped deployment files keep their safe defaults: nginx terminates TLS, redirects HTTP,
 * sends HSTS, hides the metrics, forwards the Host with its port and spreads clients by cookie;
 * coturn has no secret in the file and never relays into private networks; compose uses no host
 * networking and requires every secret. When nginx is installed its own parser checks the config
 * too; on CI (CI=true) nginx must be installed.
 */
class DeploymentFilesTest {
    private static final Path DEPLOY = Path.of(System.getProperty("parley.repoRoot", ".."), "deploy");

    private static String read(String name) throws IOException {
        return Files.readString(DEPLOY.resolve(name));
    }

    /** The lines of a config file without comments and blank lines. */
    private static List<String> directives(String text) {
        return text.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void nginxTerminatesTlsRedirectsHttpAndSendsHsts() throws IOException {
        String conf = String.join("\n", directives(read("nginx.conf")));
        assertThat(conf).contains("listen 443 ssl;").contains("ssl_certificate     /etc/nginx/certs/fullchain.pem;")
                .contains("ssl_certificate_key /etc/nginx/certs/privkey.pem;");
        assertThat(conf).containsPattern("listen 80;\\s+listen \\[::\\]:80;\\s+location / \\{\\s+return 301 https://\\$host\\$request_uri;");
        Matcher hsts = Pattern.compile("add_header Strict-Transport-Security \"max-age=(\\d+)[^\"]*\" always;").matcher(conf);
        assertThat(hsts.find()).as("HSTS header").isTrue();
        assertThat(Long.parseLong(hsts.group(1))).isGreaterThanOrEqualTo(15_552_000L);
        assertThat(conf).doesNotContain("ssl_protocols SSLv3").doesNotContain("TLSv1.1").doesNotContain("TLSv1 ");
    }

    @Test
    void nginxDoesNotExposeMetricsAndForwardsTheHostWithItsPort() throws IOException {
        String conf = String.join("\n", directives(read("nginx.conf")));
        assertThat(conf).containsPattern("location \\^~ /metrics \\{\\s+return 404;\\s+\\}");
        assertThat(conf).contains("proxy_set_header Host $http_host;").doesNotContain("proxy_set_header Host $host;");
        assertThat(conf).contains("proxy_set_header X-Forwarded-Proto $scheme;");
    }

    @Test
    void nginxSpreadsClientsByACookieInsteadOfTheirAddress() throws IOException {
        String conf = String.join("\n", directives(read("nginx.conf")));
        assertThat(conf).doesNotContain("ip_hash");
        // a node that is stopping or has lost its database (503) is passed over, not kept in rotation
        assertThat(conf).containsPattern("server parley-1:8080 max_fails=\\d+ fail_timeout=\\d+s;")
                .contains("proxy_next_upstream error timeout http_502 http_503;");
        assertThat(conf).contains("hash $parley_sticky_key consistent;");
        assertThat(conf).containsPattern("map \\$cookie_parley_node \\$parley_sticky_key \\{\\s+\"\"\\s+\\$request_id;");
        assertThat(conf).contains("add_header Set-Cookie $parley_sticky_cookie always;");
    }

    @Test
    void coturnHasNoSecretInTheFileAndNeverRelaysIntoPrivateNetworks() throws IOException {
        List<String> conf = directives(read("turnserver.conf"));
        assertThat(conf).contains("use-auth-secret");
        assertThat(conf).noneMatch(l -> l.startsWith("static-auth-secret"));
        assertThat(conf).contains(
                "denied-peer-ip=10.0.0.0-10.255.255.255",
                "denied-peer-ip=172.16.0.0-172.31.255.255",
                "denied-peer-ip=192.168.0.0-192.168.255.255",
                "denied-peer-ip=169.254.0.0-169.254.255.255",
                "denied-peer-ip=127.0.0.0-127.255.255.255",
                "denied-peer-ip=::1",
                "denied-peer-ip=fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(conf).noneMatch(l -> l.startsWith("allowed-peer-ip"));
    }

    @Test
    void composeUsesNoHostNetworkingAndRequiresEverySecret() throws IOException {
        String compose = String.join("\n", directives(read("compose.yaml")));
        assertThat(compose).doesNotContain("network_mode");
        assertThat(compose).contains("\"3478:3478/udp\"").contains("\"3478:3478/tcp\"")
                .contains("\"49160-49200:49160-49200/udp\"");
        assertThat(compose).contains("--static-auth-secret=${TURN_SECRET:?")
                .contains("PARLEY_JWT_SECRET: ${PARLEY_JWT_SECRET:?").contains("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?");
        assertThat(compose).contains("ports: [\"80:80\", \"443:443\"]").contains(":/etc/nginx/certs:ro");
        assertThat(compose).doesNotContain("PARLEY_TRUST_PROXY").contains("PARLEY_TRUSTED_PROXIES: 172.30.0.10")
                .contains("ipv4_address: 172.30.0.10");
        for (String file : List.of("compose.yaml", "nginx.conf", "turnserver.conf")) {
            assertThat(read(file).toLowerCase()).as(file).doesNotContain("change-me").doesNotContain("changeme");
        }
    }

    /** nginx's own parser, on a copy whose upstreams resolve here and with a throwaway certificate. */
    @Test
    void nginxAcceptsTheConfig(@TempDir Path dir) throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            assertThat(System.getenv("CI")).as("nginx must be installed on CI (.ci/run installs it)").isNotEqualTo("true");
            System.out.println("DeploymentFilesTest: nginx is not installed, skipping nginx -t");
            return;
        }
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", certs.resolve("privkey.pem").toString(),
                "-out", certs.resolve("fullchain.pem").toString()).redirectErrorStream(true).start();
        String opensslOut = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(opensslOut).isZero();
        String conf = read("nginx.conf").replace("parley-1:8080", "127.0.0.1:18081").replace("parley-2:8080", "127.0.0.1:18082")
                .replace("/etc/nginx/certs/", certs.toAbsolutePath() + "/");
        Path copy = dir.resolve("nginx.conf");
        Files.writeString(copy, conf);
        Files.createDirectories(dir.resolve("logs"));
        Process check = new ProcessBuilder(nginx.toString(), "-t", "-p", dir.toAbsolutePath() + "/", "-c", copy.toString(),
                "-e", "stderr", "-g", "pid " + dir.resolve("nginx.pid") + "; error_log stderr;")
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(out).contains("syntax is ok").doesNotContain("[warn]");
    }
}
