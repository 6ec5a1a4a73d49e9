package dev.mp.sign;

import dev.mp.integrity.Integrity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The committed test-only keys (see {@code src/test/resources/sign/README.md}) and a sample index. */
public final class TestKeys {
  private TestKeys() {}

  public static String resource(String name) {
    try (InputStream in = TestKeys.class.getResourceAsStream("/sign/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Keys {
    static final Ed25519PrivateKey SIGNING = Ed25519PrivateKey.parse(resource("test-only-signing.key"), "test-only-signing.key");
    static final Ed25519PrivateKey OTHER = Ed25519PrivateKey.parse(resource("test-only-other.key"), "test-only-other.key");
  }

  public static Ed25519PrivateKey signing() {
    return Keys.SIGNING;
  }

  public static Ed25519PrivateKey other() {
    return Keys.OTHER;
  }

  /** A well-formed integrity derived from {@code seed}, so tests need no plugin folders. */
  public static String integrity(String seed) {
    try {
      return Integrity.sha512(MessageDigest.getInstance("SHA-512").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An index in the seed's format: two plugins, one with two releases, fields in a deliberate order. */
  public static String sampleIndex() {
    return "{\n"
        + "  \"version\": 1,\n"
        + "  \"updatedAt\": \"2026-01-01T00:00:00Z\",\n"
        + "  \"plugins\": {\n"
        + "    \"gamma\": {\"name\": \"gamma\", \"version\": \"1.2.0\", \"description\": \"Gamma\",\n"
        + "      \"integrity\": \"" + integrity("gamma-1.2.0") + "\",\n"
        + "      \"resolved\": \"packages/gamma-1.2.0.tgz\", \"dependencies\": [\"alpha\"], \"trustScore\": 85,\n"
        + "      \"releases\": {\n"
        + "        \"1.1.0\": {\"integrity\": \"" + integrity("gamma-1.1.0") + "\", \"resolved\": \"packages/gamma-1.1.0.tgz\"},\n"
        + "        \"1.2.0\": {\"integrity\": \"" + integrity("gamma-1.2.0") + "\", \"resolved\": \"packages/gamma-1.2.0.tgz\"}\n"
        + "      }},\n"
        + "    \"alpha\": {\"version\": \"1.0.0\", \"integrity\": \"" + integrity("alpha-1.0.0") + "\",\n"
        + "      \"resolved\": \"packages/alpha-1.0.0.tgz\", \"signed\": false, \"x-extra\": {\"kept\": [1, 2.5, null]}}\n"
        + "  }\n"
        + "}\n";
  }
}
