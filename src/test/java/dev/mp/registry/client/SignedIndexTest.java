package dev.mp.registry.client;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mp.Context;
import dev.mp.Terminal;
import dev.mp.config.AuthSpec;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.FederationDefaults;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistrySpec;
import dev.mp.io.Json;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.LoopbackServer;
import dev.mp.registry.http.HttpSettings;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.TestKeys;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed indexes (DESIGN.md §7) as the registry client applies them, over a real loopback HTTP server
 * and real files: the {@code .sig}, serial rollback protection that survives clearing the cache,
 * expiry, {@code requireSignedIndex}, and the previous good copy kept when a new one is refused.
 */
class SignedIndexTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String KEY = TestKeys.signing().publicKey().toString();

  @TempDir Path temp;
  private final MutableClock clock = new MutableClock(NOW);
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<byte[]> index = new AtomicReference<>();
  private final AtomicReference<byte[]> signature = new AtomicReference<>();
  private LoopbackServer server;

  @BeforeEach
  void start() {
    server = LoopbackServer.start()
        .on("/index.json", exchange -> serve(exchange, index.get()))
        .on("/index.json.sig", exchange -> serve(exchange, signature.get()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void serve(HttpExchange exchange, byte[] body) throws java.io.IOException {
    if (body == null) {
      LoopbackServer.send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8), "text/plain");
    } else {
      LoopbackServer.send(exchange, 200, body, "application/json");
    }
  }

  private RegistryClient client(Path cache) {
    Map<String, String> env = Map.of("MP_STATE_DIR", temp.resolve("state").toString());
    Context context = new Context(temp.resolve("project"), cache, false, clock, env, warnings::add, Terminal.NONE);
    FederationDefaults defaults = new FederationDefaults(3600, ConflictStrategy.HIGHEST_PRIORITY, null, Map.of());
    return new RegistryClient(context, defaults, HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2)),
        RegistryClient.BUILT_IN_CREDENTIALS);
  }

  private RegistryClient client() {
    return client(temp.resolve("cache"));
  }

  private RegistrySpec team(boolean requireSignedIndex, String... keys) {
    return new RegistrySpec("team", server.url("/index.json"), 0, AuthSpec.NONE, PolicyMode.OPEN, true, List.of(keys),
        requireSignedIndex, Map.of());
  }

  /** Publishes {@code signed} (and its signature, unless {@code withSignature} is false). */
  private void publish(IndexSigner.SignedIndex signed, boolean withSignature) {
    index.set(signed.bytes());
    signature.set(withSignature ? (signed.signature() + "\n").getBytes(StandardCharsets.UTF_8) : null);
  }

  private static IndexSigner.SignedIndex signed(byte[] input) {
    return IndexSigner.sign("index.json", input, TestKeys.signing(), Duration.ofDays(30), NOW);
  }

  private static IndexSigner.SignedIndex first() {
    return signed(TestKeys.sampleIndex().getBytes(StandardCharsets.UTF_8));
  }

  private SyncOutcome sync(RegistrySpec spec) {
    return client().sync(List.of(spec), SyncListener.NONE).outcomes().get(0);
  }

  private LoadedRegistry load(RegistrySpec spec) {
    return client().load(List.of(spec)).registries().get(0);
  }

  @Test
  void aValidSignedIndexIsUsedAndItsSerialRemembered() {
    publish(first(), true);

    SyncOutcome outcome = sync(team(true, KEY));

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(SyncStatus.OK);
    assertThat(outcome.plugins()).isEqualTo(2);
    assertThat(TestFiles.read(temp.resolve("state/serials.json"))).contains("\"serial\": 1");
    assertThat(load(team(true, KEY)).index().find("gamma")).isPresent();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aTamperedByteIsRejectedAndNothingUnverifiedIsUsed() {
    IndexSigner.SignedIndex signed = first();
    publish(signed, true);
    String text = new String(signed.bytes(), StandardCharsets.UTF_8);
    index.set(text.replace("\"Gamma\"", "\"Gamme\"").getBytes(StandardCharsets.UTF_8));

    SyncOutcome outcome = sync(team(false, KEY));

    assertThat(outcome.rejected()).isTrue();
    assertThat(outcome.status()).isEqualTo(SyncStatus.ERROR);
    assertThat(outcome.problem()).contains("index of registry `team` rejected: index signature is invalid");
    LoadedRegistry loaded = load(team(false, KEY));
    assertThat(loaded.state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(warnings).anyMatch(w -> w.contains("registry `team` is unavailable") && w.contains("rejected"));
  }

  @Test
  void anIndexSignedWithAnotherKeyIsRejected() {
    publish(IndexSigner.sign("index.json", TestKeys.sampleIndex().getBytes(StandardCharsets.UTF_8), TestKeys.other(),
        Duration.ofDays(30), NOW), true);

    SyncOutcome outcome = sync(team(false, KEY));

    assertThat(outcome.rejected()).isTrue();
    assertThat(outcome.problem()).contains("does not verify under the registry's key");
  }

  @Test
  void aMissingSignatureIsRejectedOnlyWhenTheRegistryRequiresOne() {
    publish(first(), false);

    SyncOutcome required = sync(team(true, KEY));
    assertThat(required.rejected()).isTrue();
    assertThat(required.problem()).contains("serves no index signature").contains("requireSignedIndex");

    SyncOutcome optional = sync(team(false, KEY));
    assertThat(optional.status()).as(optional.toString()).isEqualTo(SyncStatus.OK);
  }

  @Test
  void anOlderSerialIsRefusedAndThePreviousGoodCopyStaysInUse() {
    IndexSigner.SignedIndex one = first();
    IndexSigner.SignedIndex two = signed(one.bytes());
    assertThat(two.serial()).isEqualTo(2);
    publish(two, true);
    assertThat(sync(team(false, KEY)).status()).isEqualTo(SyncStatus.OK);

    publish(one, true);
    SyncOutcome rollback = sync(team(false, KEY));

    assertThat(rollback.rejected()).isTrue();
    assertThat(rollback.status()).as("the previous good copy is kept").isEqualTo(SyncStatus.STALE);
    assertThat(rollback.problem()).contains("serial 1 is older than serial 2");
    clock.advance(Duration.ofHours(2));
    LoadedRegistry loaded = load(team(false, KEY));
    assertThat(loaded.state()).isEqualTo(IndexState.STALE);
    assertThat(loaded.index().find("gamma")).isPresent();
    assertThat(warnings).anyMatch(w -> w.contains("using the cached index") && w.contains("serial 1 is older"));
  }

  @Test
  void rollbackProtectionSurvivesClearingTheCache() {
    IndexSigner.SignedIndex one = first();
    publish(signed(one.bytes()), true);
    assertThat(sync(team(false, KEY)).status()).isEqualTo(SyncStatus.OK);
    TestFiles.deleteTree(temp.resolve("cache"));

    publish(one, true);
    SyncOutcome rollback = client(temp.resolve("other-cache")).sync(List.of(team(false, KEY)), SyncListener.NONE)
        .outcomes().get(0);

    assertThat(rollback.rejected()).isTrue();
    assertThat(rollback.status()).as("no cache left to fall back on").isEqualTo(SyncStatus.ERROR);
  }

  @Test
  void strippingTheSignatureAfterASignedIndexWasAcceptedIsRefused() {
    IndexSigner.SignedIndex one = first();
    publish(one, true);
    assertThat(sync(team(false, KEY)).status()).isEqualTo(SyncStatus.OK);

    publish(signed(one.bytes()), false);
    SyncOutcome outcome = sync(team(false, KEY));

    assertThat(outcome.rejected()).isTrue();
    assertThat(outcome.problem()).contains("not signed, but a signed index (serial 1) was accepted");
  }

  @Test
  void anExpiredIndexIsRefusedFreshAndAsACachedCopy() {
    publish(first(), true);
    assertThat(sync(team(false, KEY)).status()).isEqualTo(SyncStatus.OK);
    clock.advance(Duration.ofDays(31));

    SyncOutcome frozen = sync(team(false, KEY));

    assertThat(frozen.rejected()).isTrue();
    assertThat(frozen.status()).as("the cached copy has expired as well").isEqualTo(SyncStatus.ERROR);
    assertThat(frozen.problem()).contains("the index expired at 2026-07-01T12:00:00Z");
  }

  @Test
  void aCachedCopyServedWhileTheRegistryIsDownIsCheckedForExpiry() {
    publish(first(), true);
    assertThat(sync(team(false, KEY)).status()).isEqualTo(SyncStatus.OK);
    index.set(null);

    clock.advance(Duration.ofDays(2));
    assertThat(load(team(false, KEY)).state()).as("down, copy still valid").isEqualTo(IndexState.STALE);

    clock.advance(Duration.ofDays(29));
    LoadedRegistry expired = load(team(false, KEY));
    assertThat(expired.state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(expired.problem()).contains("HTTP 404").contains("the cached copy cannot stand in")
        .contains("expired");
  }

  @Test
  void aLocalSignedIndexFileIsCheckedEveryRun() {
    Path file = temp.resolve("project/registry/index.json");
    IndexSigner.SignedIndex signed = first();
    TestFiles.write(file, new String(signed.bytes(), StandardCharsets.UTF_8));
    TestFiles.write(IndexSigner.signatureFile(file), signed.signature() + "\n");
    RegistrySpec local = new RegistrySpec("local", "registry/index.json", 0, AuthSpec.NONE, PolicyMode.OPEN, true,
        List.of(KEY), true, Map.of());

    assertThat(load(local).state()).isEqualTo(IndexState.FRESH);
    clock.advance(Duration.ofDays(31));
    LoadedRegistry expired = load(local);

    assertThat(expired.state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(expired.problem()).contains("expired");
  }

  @Test
  void requireSignedIndexOnAFolderRegistryIsRefused() {
    TestFiles.write(temp.resolve("project/plugins/alpha/.claude-plugin/plugin.json"),
        "{\"name\": \"alpha\", \"version\": \"1.0.0\"}");
    RegistrySpec folder = new RegistrySpec("local", "plugins", 0, AuthSpec.NONE, PolicyMode.OPEN, true, List.of(KEY),
        true, Map.of());

    SyncOutcome outcome = sync(folder);

    assertThat(outcome.rejected()).isTrue();
    assertThat(outcome.problem()).contains("a folder registry has no index to sign");
  }

  @Test
  void anOversizedSignatureIsNotDownloaded() {
    publish(first(), true);
    signature.set(Json.object().put("padding", "x".repeat(1 << 20)).toString().getBytes(StandardCharsets.UTF_8));

    SyncOutcome outcome = sync(team(false, KEY));

    assertThat(outcome.status()).isEqualTo(SyncStatus.ERROR);
    assertThat(outcome.problem()).contains("index signature");
  }
}
