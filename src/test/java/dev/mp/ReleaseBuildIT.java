package dev.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release is reproducible: two clean clones of the commit under test, at different paths, built
 * with {@code ./mvnw -Prelease package} (tests skipped; the second build offline, against the local
 * Maven repository the first one filled), give byte-identical artifacts. Uncommitted changes are not
 * in the clones: this checks what a release from the current commit would be.
 */
class ReleaseBuildIT {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String VERSION = Version.current();
  private static final List<String> ARTIFACTS = List.of("mp-" + VERSION + ".jar", "mp-" + VERSION + ".jar.sha256",
      "mp-" + VERSION + "-sources.jar", "mp-" + VERSION + "-javadoc.jar", "mp-" + VERSION + ".pom");

  @TempDir Path temp;

  private static String run(Path dir, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MAVEN_") || name.equals("MVNW_VERBOSE"));
    Path log = Files.createTempFile("release-build", ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(10, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(done).as(String.join(" ", command) + " did not finish in 10 minutes").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  private Path cloneAndBuild(String path, boolean offline) throws Exception {
    Path clone = temp.resolve(path);
    Files.createDirectories(clone.getParent());
    run(temp, "git", "clone", "--quiet", REPO.toString(), clone.toString());
    List<String> build = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-Prelease", "package", "-Dmaven.test.skip=true"));
    if (offline) {
      build.add("-o");
    }
    run(clone, build.toArray(String[]::new));
    return clone.resolve("target");
  }

  @Test
  void twoCleanClonesBuildByteIdenticalReleaseArtifacts() throws Exception {
    assumeTrue(Files.exists(REPO.resolve(".git")), "not a git checkout: nothing to clone");
    String head = run(REPO, "git", "rev-parse", "HEAD").strip();

    Path first = cloneAndBuild("a", false);
    Path second = cloneAndBuild("elsewhere/b", true);

    for (String artifact : ARTIFACTS) {
      assertThat(Files.readAllBytes(second.resolve(artifact))).as(artifact)
          .isEqualTo(Files.readAllBytes(first.resolve(artifact)));
    }

    byte[] jar = Files.readAllBytes(first.resolve("mp-" + VERSION + ".jar"));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
    assertThat(Files.readString(first.resolve("mp-" + VERSION + ".jar.sha256")).strip()).isEqualTo(sha256);
    String version = run(temp, "java", "-jar", first.resolve("mp-" + VERSION + ".jar").toString(), "--version");
    assertThat(version.strip()).isEqualTo("mp " + VERSION + " (commit " + head + ")");

    assertThat(entries(first.resolve("mp-" + VERSION + "-sources.jar"))).contains("dev/mp/Federation.java");
    assertThat(entries(first.resolve("mp-" + VERSION + "-javadoc.jar"))).contains("index.html", "dev/mp/Federation.html");
    // The bundled libraries are inside the jar, so the deployed POM must not ask for them again.
    String pom = Files.readString(first.resolve("mp-" + VERSION + ".pom"));
    assertThat(pom).contains("<groupId>dev.mp</groupId>", "<artifactId>mp</artifactId>", "<licenses>", "<scm>",
        "<developers>").doesNotContain("<artifactId>jackson-databind</artifactId>",
        "<artifactId>commons-compress</artifactId>", "<artifactId>semver4j</artifactId>");
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
    }
  }
}
