package dev.mp.wrapper;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.SafeUrl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code .mp/wrapper.properties}: what {@code mpw} runs. Written by {@link #format()} with a fixed key
 * order and read back by {@link #parse}, which accepts what the script accepts ({@code key=value}
 * lines, {@code #} and {@code !} comments, CRLF line ends) and keeps keys it does not know.
 *
 * @param version the mp version, e.g. {@code 0.1.0}
 * @param sha256 the SHA-256 of {@code mp-<version>.jar}, 64 lowercase hex digits
 * @param repositoryUrl a Maven repository root ({@code https://repo.maven.apache.org/maven2} or a
 *     mirror); the jar is at {@code dev/mp/mp/<version>/mp-<version>.jar} under it
 * @param tokenVariable the environment variable whose value is sent to the repository as a Bearer
 *     token, or empty
 * @param otherLines {@code key=value} lines of keys this version does not know, kept in order
 */
public record WrapperProperties(
    String version, String sha256, String repositoryUrl, Optional<String> tokenVariable, List<String> otherLines) {
  /** Where the file lives in a project. */
  public static final String PATH = ".mp/wrapper.properties";

  /** Maven Central. */
  public static final String CENTRAL = "https://repo.maven.apache.org/maven2";

  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public WrapperProperties {
    requireVersion(version);
    if (!SHA256.matcher(sha256).matches()) {
      throw MpException.usage("`sha256` must be 64 lowercase hex digits: `" + sha256 + "`");
    }
    requireRepositoryUrl(repositoryUrl);
    tokenVariable.ifPresent(WrapperProperties::requireVariable);
    otherLines = List.copyOf(otherLines);
  }

  /** The jar's URL under the repository root. */
  public URI jarUri() {
    return artifactUri(repositoryUrl, version, ".jar");
  }

  /**
   * {@code <repository>/dev/mp/mp/<version>/mp-<version><suffix>}: Maven's layout for {@code dev.mp:mp}.
   *
   * @param suffix {@code .jar}, {@code .jar.sha256}, ...
   */
  public static URI artifactUri(String repositoryUrl, String version, String suffix) {
    return URI.create(stripSlash(repositoryUrl) + "/dev/mp/mp/" + version + "/mp-" + version + suffix);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The file's bytes: a comment, then {@code version}, {@code sha256}, {@code repositoryUrl}, {@code tokenVariable}. */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("# The mp that ./mpw runs, pinned by version and sha256 (written by `mp wrapper`).\n");
    text.append("version=").append(version).append('\n');
    text.append("sha256=").append(sha256).append('\n');
    text.append("repositoryUrl=").append(repositoryUrl).append('\n');
    tokenVariable.ifPresent(v -> text.append("tokenVariable=").append(v).append('\n'));
    otherLines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  /**
   * Reads the file's text.
   *
   * @param file named in errors
   * @throws MpException {@code CONFIG_ERROR} naming the file and line of what is wrong
   */
  public static WrapperProperties parse(String file, String text) {
    String version = null;
    String sha256 = null;
    String repository = CENTRAL;
    String variable = null;
    List<String> others = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw MpException.config("`" + file + "` line " + (i + 1) + ": expected `key=value`",
            "fix the line, or delete the file and run `mp wrapper --version VERSION` again");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "version": version = value; break;
        case "sha256": sha256 = value; break;
        case "repositoryUrl": repository = value; break;
        case "tokenVariable": variable = value.isEmpty() ? null : value; break;
        default: others.add(line);
      }
    }
    if (version == null || sha256 == null) {
      throw MpException.config("`" + file + "` lacks `" + (version == null ? "version" : "sha256") + "`",
          "run `mp wrapper --version VERSION` to write it again");
    }
    try {
      return new WrapperProperties(version, sha256, repository, Optional.ofNullable(variable), others);
    } catch (MpException e) {
      throw new MpException(ErrorCode.CONFIG_ERROR, "`" + file + "`: " + e.getMessage(), e.hints(), null);
    }
  }

  /** @throws MpException {@code USAGE_ERROR} unless {@code version} is a plausible version */
  static void requireVersion(String version) {
    if (!VERSION.matcher(version).matches()) {
      throw MpException.usage("not a version: `" + version + "`", "for example `--version 0.1.0`");
    }
  }

  /** @throws MpException {@code USAGE_ERROR} unless {@code url} is an http(s) or file URL without credentials */
  static void requireRepositoryUrl(String url) {
    if (!(SafeUrl.isHttp(url) || url.startsWith("file:"))) {
      throw MpException.usage("`repositoryUrl` must be an http(s) or file URL: `" + SafeUrl.redact(url) + "`");
    }
    if (SafeUrl.hasUserInfo(url)) {
      throw MpException.usage("`repositoryUrl` must not contain credentials: `" + SafeUrl.redact(url) + "`",
          "put the token in an environment variable and name it with `--token-variable`");
    }
  }

  private static void requireVariable(String variable) {
    if (!VARIABLE.matcher(variable).matches()) {
      throw MpException.usage("`tokenVariable` must name an environment variable: `" + variable + "`");
    }
  }
}
