package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistrySpec;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialStoreTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String TEAM = "https://plugins.team.dev/index.json";
  @TempDir Path home;

  private static AcceptedIndex accepted(long serial) {
    return new AcceptedIndex(serial, dev.mp.integrity.TreeHash.sha256Hex(("index " + serial).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void storeLivesInTheStateFolderNotTheCache() {
    Map<String, String> env = Map.of("HOME", home.toString());
    assertThat(SerialStore.forUser(env).file()).isEqualTo(home.resolve(".local/state/mp/serials.json"));
    assertThat(SerialStore.forUser(Map.of("HOME", "/h", "XDG_STATE_HOME", home.toString())).file())
        .isEqualTo(home.resolve("mp/serials.json"));
    assertThat(SerialStore.forUser(Map.of("HOME", "/h", "MP_STATE_DIR", home.resolve("s").toString())).file())
        .isEqualTo(home.resolve("s/serials.json"));
    assertThat(SerialStore.forUser(env).file().startsWith(Context.defaultCacheDir(env))).isFalse();
  }

  @Test
  void remembersTheHighestSerialOnly() {
    SerialStore store = new SerialStore(home.resolve("serials.json"));
    assertThat(store.find(TEAM)).isEmpty();
    assertThat(store.remember(TEAM, accepted(3), NOW)).isTrue();
    assertThat(store.remember(TEAM, accepted(2), NOW)).isFalse();
    assertThat(store.remember(TEAM, accepted(3), NOW)).isFalse();
    assertThat(store.find(TEAM)).contains(accepted(3));
    assertThat(store.remember(TEAM, accepted(4), NOW)).isTrue();
    assertThat(store.find(TEAM)).contains(accepted(4));
  }

  @Test
  void survivesDeletingTheCacheDirectory() throws IOException {
    Map<String, String> env = Map.of("HOME", home.toString());
    Path cache = Context.defaultCacheDir(env);
    TestFiles.write(cache.resolve("index-v1/abc/index.json"), "{}");
    SerialStore.forUser(env).remember(TEAM, accepted(7), NOW);
    try (Stream<Path> paths = Files.walk(cache)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    assertThat(cache).doesNotExist();
    assertThat(SerialStore.forUser(env).find(TEAM)).contains(accepted(7));
  }

  @Test
  void fileIsSortedCanonicalJson() {
    SerialStore store = new SerialStore(home.resolve("serials.json"));
    store.remember("https://b.dev/index.json", accepted(2), NOW);
    store.remember("https://a.dev/index.json", accepted(1), NOW);
    assertThat(TestFiles.read(store.file())).isEqualTo("{\n"
        + "  \"registries\": {\n"
        + "    \"https://a.dev/index.json\": {\n"
        + "      \"acceptedAt\": \"2026-06-01T12:00:00Z\",\n"
        + "      \"serial\": 1,\n"
        + "      \"sha256\": \"" + accepted(1).sha256() + "\"\n"
        + "    },\n"
        + "    \"https://b.dev/index.json\": {\n"
        + "      \"acceptedAt\": \"2026-06-01T12:00:00Z\",\n"
        + "      \"serial\": 2,\n"
        + "      \"sha256\": \"" + accepted(2).sha256() + "\"\n"
        + "    }\n"
        + "  },\n"
        + "  \"version\": 1\n"
        + "}\n");
  }

  @Test
  void concurrentWritersNeverLowerTheSerialOrLoseARegistry() throws Exception {
    Path file = home.resolve("serials.json");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int serial = 1; serial <= 40; serial++) {
        long value = serial;
        String registry = "https://r" + (serial % 4) + ".dev/index.json";
        futures.add(pool.submit(() -> new SerialStore(file).remember(registry, accepted(value), NOW)));
      }
      for (Future<Boolean> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    SerialStore store = new SerialStore(file);
    assertThat(store.find("https://r0.dev/index.json")).contains(accepted(40));
    assertThat(store.find("https://r1.dev/index.json")).contains(accepted(37));
    assertThat(store.find("https://r2.dev/index.json")).contains(accepted(38));
    assertThat(store.find("https://r3.dev/index.json")).contains(accepted(39));
  }

  @Test
  void malformedStoreIsAConfigErrorWithAWayOut() {
    SerialStore store = new SerialStore(TestFiles.write(home.resolve("serials.json"), "{\"registries\": []}"));
    assertThatThrownBy(() -> store.find(TEAM)).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
      assertThat(e.getMessage()).contains("not an mp serials file");
      assertThat(e.hint()).contains("delete `" + store.file() + "`");
    });
  }

  @Test
  void registriesAreKeyedByLocationWithoutCredentials() {
    RegistrySpec remote = new RegistrySpec("team", "https://plugins.team.dev/index.json?token=s3cret", 0,
        AuthSpec.NONE, PolicyMode.OPEN, true, List.of(), false, Map.of());
    assertThat(SerialStore.registryKey(remote, home)).isEqualTo("https://plugins.team.dev/index.json?token=***");
    RegistrySpec local = RegistrySpec.of("local", "./registry/index.json", 0);
    assertThat(SerialStore.registryKey(local, home)).isEqualTo(home.resolve("registry/index.json").toUri().toString());
  }
}
