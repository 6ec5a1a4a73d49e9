package dev.mp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of mp, from the build (used in {@code --version} and the HTTP {@code User-Agent}). */
public final class Version {
  private Version() {}

  private static final class Holder {
    static final String VALUE = read();

    private static String read() {
      try (InputStream in = Version.class.getResourceAsStream("/dev/mp/version.properties")) {
        if (in == null) {
          return "dev";
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "dev");
      } catch (IOException e) {
        return "dev";
      }
    }
  }

  public static String current() {
    return Holder.VALUE;
  }
}
