package dev.mp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of mp and the commit its jar was built from (used in {@code --version}, the HTTP
 * {@code User-Agent} and {@code mp wrapper}), from {@code dev/mp/version.properties} and {@code
 * dev/mp/commit.properties}, which the build writes; thread-safe, never null.
 */
public final class Version {
  private Version() {}

  private static final class Holder {
    static final Properties VALUES = read();

    private static Properties read() {
      Properties properties = new Properties();
      for (String resource : new String[] {"/dev/mp/version.properties", "/dev/mp/commit.properties"}) {
        try (InputStream in = Version.class.getResourceAsStream(resource)) {
          if (in != null) {
            properties.load(in);
          }
        } catch (IOException e) {
          // Classes run without the build's resources: "dev" and "unknown" below say so.
        }
      }
      return properties;
    }
  }

  /** The version of mp, {@code dev} when the build's resources are missing. */
  public static String current() {
    return Holder.VALUES.getProperty("version", "dev");
  }

  /**
   * The git commit the jar was built from: 40 hex digits, with {@code -dirty} when tracked files
   * differed from it, or {@code unknown} when the sources were not a git checkout.
   */
  public static String commit() {
    String commit = Holder.VALUES.getProperty("commit", "unknown").strip();
    return commit.matches("[0-9a-f]{40}(-dirty)?") ? commit : "unknown";
  }
}
