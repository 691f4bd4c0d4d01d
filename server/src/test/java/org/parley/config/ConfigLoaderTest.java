package org.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaultsRunOneNodeOnSqliteInTheDataDirectory() {
        ParleyConfig c = ConfigLoader.load(List.of(), Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.database().url()).isEqualTo("jdbc:sqlite:" + Path.of("data").toAbsolutePath().resolve("parley.db"));
        assertThat(c.database().isPostgres()).isFalse();
        assertThat(c.auth().jwtSecret()).isEmpty();
        assertThat(c.auth().accessTokenTtl().toMinutes()).isEqualTo(15);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parley.properties");
        Files.writeString(file, "port=7000\nhost=127.0.0.2\ndata-dir=/tmp/from-file\n");
        ParleyConfig c = ConfigLoader.load(List.of("--config", file.toString(), "--port=9090"),
                Map.of("PARLEY_HOST", "127.0.0.3", "PARLEY_PORT", "8000"));
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().host()).isEqualTo("127.0.0.3");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/from-file"));
    }

    @Test
    void postgresIsChosenByItsUrl() {
        ParleyConfig c = ConfigLoader.load(List.of(), Map.of("PARLEY_DATABASE_URL", "jdbc:postgresql://db/parley"));
        assertThat(c.database().isPostgres()).isTrue();
    }

    @Test
    void redisIsAServerOrASentinelAndNothingElse() {
        assertThat(ConfigLoader.load(List.of("--redis-url", "redis-sentinel://10.0.0.5:26379,10.0.0.6:26379#parley"), Map.of())
                .redisUrl()).contains("redis-sentinel://10.0.0.5:26379,10.0.0.6:26379#parley");
        assertThat(ConfigLoader.load(List.of("--redis-url", "redis://cache:6379"), Map.of()).redisUrl()).contains("redis://cache:6379");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--redis-url", "http://cache:6379"), Map.of()))
                .hasMessageContaining("redis-url").hasMessageContaining("redis-sentinel://");
    }

    @Test
    void badValuesNameTheSettingItsSourceAndTheRule() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--port", "99999"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port").hasMessageContaining("command line").hasMessageContaining("65535");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_PORT", "http")))
                .hasMessageContaining("PARLEY_PORT").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_JWT_SECRET", "short")))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_DATABASE_URL", "jdbc:mysql://x")))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--allowed-origins", "example.com"), Map.of()))
                .hasMessageContaining("not an origin");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_TRUST_PROXY", "maybe")))
                .hasMessageContaining("true or false");
    }

    @Test
    void trustedProxiesAreAddressesOrRangesAndTheOldSwitchIsRefused() {
        ParleyConfig c = ConfigLoader.load(List.of("--trusted-proxies", "10.0.0.0/8, 127.0.0.1,fc00::/7"), Map.of());
        assertThat(c.server().trustedProxies()).hasSize(3);
        assertThat(c.server().trustedProxies().get(0).contains("10.200.3.4")).isTrue();
        assertThat(c.server().trustedProxies().get(0).contains("11.0.0.1")).isFalse();
        assertThat(ConfigLoader.load(List.of(), Map.of()).server().trustedProxies()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_TRUST_PROXY", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--trusted-proxies", "proxy.example.com"), Map.of()))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--trusted-proxies", "10.0.0.0/33"), Map.of()))
                .hasMessageContaining("prefix length");
    }

    @Test
    void presencePushesSmallRoomsAndBatchesForAQuarterSecondByDefault() {
        ParleyConfig.Presence p = ConfigLoader.load(List.of(), Map.of()).presence();
        assertThat(p.pushRoomSize()).isEqualTo(50);
        assertThat(p.batchWindow()).isEqualTo(java.time.Duration.ofMillis(250));
        ParleyConfig.Presence set = ConfigLoader.load(List.of("--presence-push-room-size", "0",
                "--presence-batch-window", "1s"), Map.of()).presence();
        assertThat(set.pushRoomSize()).isZero();
        assertThat(set.batchWindow()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--presence-batch-window", "10s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("presence-batch-window");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_PRESENCE_PUSH_ROOM_SIZE", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_PRESENCE_PUSH_ROOM_SIZE");
    }

    @Test
    void eachRoomKeepsFiveHundredBroadcastsForRecoveryByDefault() {
        assertThat(ConfigLoader.load(List.of(), Map.of()).chat().recoveryPacketsPerRoom()).isEqualTo(500);
        assertThat(ConfigLoader.load(List.of("--recovery-packets-per-room", "2000"), Map.of()).chat()
                .recoveryPacketsPerRoom()).isEqualTo(2000);
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("PARLEY_RECOVERY_PACKETS_PER_ROOM", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_RECOVERY_PACKETS_PER_ROOM");
    }

    @Test
    void nodeLeasesLastTenSecondsUnderTheParleyPrefixByDefault() {
        ParleyConfig defaults = ConfigLoader.load(List.of(), Map.of());
        assertThat(defaults.presence().nodeTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.redisKeyPrefix()).isEqualTo("parley:");
        ParleyConfig set = ConfigLoader.load(List.of("--presence-node-timeout", "4s", "--redis-key-prefix", "chat-b:"),
                Map.of());
        assertThat(set.presence().nodeTimeout()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(set.redisKeyPrefix()).isEqualTo("chat-b:");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--presence-node-timeout", "1s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("presence-node-timeout");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--redis-key-prefix", "a b"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis-key-prefix");
    }

    @Test
    void placeholderSecretsRefuseToStart() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of(),
                Map.of("PARLEY_JWT_SECRET", "change-me-to-a-long-random-secret-of-32-bytes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("placeholder")
                .hasMessageContaining("PARLEY_JWT_SECRET").hasMessageNotContaining("change-me-to-a-long");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--database-password", "CHANGEME"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database-password");
        assertThat(ConfigLoader.load(List.of(), Map.of("PARLEY_JWT_SECRET", "x".repeat(40))).auth().jwtSecret())
                .isPresent();
    }

    @Test
    void unknownFlagsAndFileKeysAreErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--prot", "1"), Map.of()))
                .hasMessageContaining("Unknown flag --prot");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--port"), Map.of())).hasMessageContaining("needs a value");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "prot=1\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of()))
                .hasMessageContaining("Unknown setting 'prot'");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", dir.resolve("missing").toString()), Map.of()))
                .hasMessageContaining("Cannot read config file");
    }

    @Test
    void originsAreParsedAndNormalised() {
        ParleyConfig c = ConfigLoader.load(List.of("--allowed-origins", "https://a.example/, http://b.example:3000"), Map.of());
        assertThat(c.server().allowedOrigins()).containsExactly("https://a.example", "http://b.example:3000");
        assertThat(c.server().allowsAnyOrigin()).isFalse();
    }
}
