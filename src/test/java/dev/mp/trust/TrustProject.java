package dev.mp.trust;

import dev.mp.install.Packages;
import dev.mp.integrity.TreeHash;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.IndexSigner;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real project for the trust tests: plugin folders, a registry index of them (signed or not) and
 * {@code registries.json}, run through the real command line ({@link Cli}).
 */
public final class TrustProject {
  public final Path root;
  public final Path cache;
  private final List<String> entries = new ArrayList<>();

  public TrustProject(Path temp) {
    this.root = temp.resolve("project");
    this.cache = temp.resolve("cache");
  }

  public Cli cli() {
    return new Cli(root, cache);
  }

  /** Adds plugin {@code name@version} (a folder under {@code plugins/}) to the index. */
  public TrustProject plugin(String name, String version, String... dependencies) {
    Path folder = Packages.plugin(root.resolve("plugins").resolve(name), name, version);
    String integrity = TreeHash.of(folder);
    StringBuilder deps = new StringBuilder();
    for (String dependency : dependencies) {
      deps.append(deps.length() == 0 ? "" : ", ").append('"').append(dependency).append('"');
    }
    entries.add("\"" + name + "\": {\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"integrity\": \""
        + integrity + "\", \"resolved\": \"../plugins/" + name + "\", \"dependencies\": [" + deps + "],"
        + " \"trustScore\": 90}");
    return this;
  }

  /** The unsigned index of the plugins added so far. */
  public byte[] unsignedIndex() {
    return ("{\"version\": 1, \"plugins\": {" + String.join(", ", entries) + "}}\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The index signed (entries, releases and the index itself) with {@code key}, valid for 30 days. */
  public IndexSigner.SignedIndex signed(Ed25519PrivateKey key) {
    return IndexSigner.sign("index.json", unsignedIndex(), key, Duration.ofDays(30), Cli.NOW);
  }

  /** Writes {@code registry/index.json}, and {@code index.json.sig} when {@code signature} is not null. */
  public TrustProject writeIndex(byte[] bytes, String signature) {
    Path index = root.resolve("registry/index.json");
    Packages.write(index, bytes);
    if (signature != null) {
      TestFiles.write(IndexSigner.signatureFile(index), signature + "\n");
    }
    return this;
  }

  /** Writes {@code registries.json} with registry {@code team} at the index, trusting {@code keys}. */
  public TrustProject registry(String extraFields, String... keys) {
    StringBuilder list = new StringBuilder();
    for (String key : keys) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(key).append('"');
    }
    TestFiles.write(root.resolve(".claude/registries.json"), "{\"registries\": [{\"name\": \"team\", \"url\":"
        + " \"./registry/index.json\", \"priority\": 50, \"keys\": [" + list + "]" + extraFields + "}]}\n");
    return this;
  }

  /** Writes the policy: deny everything unless signed. */
  public TrustProject signedOnlyPolicy() {
    TestFiles.write(root.resolve(".claude/policies/plugins.yaml"), """
        rules:
          - action: deny
            plugins: ["*"]
            unless:
              signed: true
            reason: "Only signed plugins"
          - action: allow
            plugins: ["*"]
            reason: "Signed plugins are fine"
        """);
    return this;
  }
}
