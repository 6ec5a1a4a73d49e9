package dev.mp.wrapper;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.integrity.FileDigests;
import dev.mp.wrapper.WrapperResult.ChecksumSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a project's wrapper: {@code mpw} (the script carried in the jar) and {@code
 * .mp/wrapper.properties}. The checksum of the pinned version is, in order: the one given; the one
 * already pinned for the same version; the running jar's, when the version is the running mp's; else
 * the {@code .sha256} the repository publishes beside the jar. Each file is written atomically and
 * only when its bytes change. Not thread-safe; one instance per run.
 */
public final class ProjectWrapper {
  /** The script inside the jar (the repository's {@code mpw}, copied by the build). */
  static final String SCRIPT_RESOURCE = "/dev/mp/wrapper/mpw";

  private final Context context;
  private final String runningVersion;
  private final Optional<Path> runningJar;

  /**
   * @param runningVersion the version of the running mp
   * @param runningJar the jar the running mp was loaded from, when it was loaded from a jar
   */
  public ProjectWrapper(Context context, String runningVersion, Optional<Path> runningJar) {
    this.context = context;
    this.runningVersion = runningVersion;
    this.runningJar = runningJar;
  }

  /**
   * Writes or updates the wrapper of the context's project.
   *
   * @throws MpException {@code USAGE_ERROR} for a bad version, checksum or URL, {@code CONFIG_ERROR}
   *     for a malformed existing file, {@code PACKAGE_UNAVAILABLE} when the checksum cannot be fetched
   *     (or {@code --offline} forbids it), {@code IO_ERROR} when a file cannot be written
   */
  public WrapperResult write(WrapperRequest request) {
    Path project = context.projectDir();
    Path propertiesFile = project.resolve(WrapperProperties.PATH);
    Optional<WrapperProperties> existing = existing(propertiesFile);
    String version = request.version().or(() -> existing.map(WrapperProperties::version)).orElse(runningVersion);
    WrapperProperties.requireVersion(version);
    String repository = request.repositoryUrl()
        .or(() -> existing.map(WrapperProperties::repositoryUrl)).orElse(WrapperProperties.CENTRAL);
    WrapperProperties.requireRepositoryUrl(repository);
    // An empty --token-variable removes the pinned one.
    Optional<String> variable = request.tokenVariable().isPresent()
        ? request.tokenVariable().filter(v -> !v.isEmpty())
        : existing.flatMap(WrapperProperties::tokenVariable);

    ChecksumSource source;
    String sha256;
    if (request.sha256().isPresent()) {
      source = ChecksumSource.GIVEN;
      sha256 = request.sha256().get().toLowerCase(Locale.ROOT);
    } else if (existing.isPresent() && existing.get().version().equals(version)) {
      source = ChecksumSource.PINNED;
      sha256 = existing.get().sha256();
    } else if (version.equals(runningVersion) && runningJar.isPresent()) {
      source = ChecksumSource.RUNNING_JAR;
      sha256 = hash(runningJar.get());
    } else {
      if (context.offline()) {
        throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
            "the checksum of mp " + version + " is not known offline",
            "pass it with `--sha256`, or run without `--offline` to fetch it from the repository");
      }
      source = ChecksumSource.REPOSITORY;
      sha256 = new ReleaseChecksums(context.env(), context.cacheDir().resolve("tmp")).fetch(repository, version, variable);
    }
    WrapperProperties properties = new WrapperProperties(version, sha256, repository, variable,
        existing.map(WrapperProperties::otherLines).orElse(List.of()));

    List<String> written = new ArrayList<>();
    if (AtomicFiles.writeIfChanged(project.resolve("mpw"), script(), true)) {
      written.add("mpw");
    }
    if (AtomicFiles.writeIfChanged(propertiesFile, properties.format().getBytes(StandardCharsets.UTF_8))) {
      written.add(WrapperProperties.PATH);
    }
    return new WrapperResult(properties, source, written);
  }

  /** The jar this class was loaded from, or empty when it was not loaded from a jar file (tests, an IDE). */
  public static Optional<Path> runningJar() {
    try {
      CodeSource source = ProjectWrapper.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static Optional<WrapperProperties> existing(Path file) {
    byte[] bytes = AtomicFiles.readIfExists(file);
    if (bytes == null) {
      return Optional.empty();
    }
    return Optional.of(WrapperProperties.parse(WrapperProperties.PATH, new String(bytes, StandardCharsets.UTF_8)));
  }

  private static String hash(Path jar) {
    try {
      return FileDigests.sha256Hex(jar);
    } catch (IOException e) {
      throw MpException.io("failed to read the running mp jar `" + jar + "`", e);
    }
  }

  /** The bytes of {@code mpw}, from the jar. */
  static byte[] script() {
    try (InputStream in = ProjectWrapper.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + SCRIPT_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw MpException.io("failed to read " + SCRIPT_RESOURCE + " from the jar", e);
    }
  }
}
