package dev.mp.resolve;

import static dev.mp.resolve.Fixtures.context;
import static dev.mp.resolve.Fixtures.integrity;
import static dev.mp.resolve.Fixtures.plugin;
import static dev.mp.resolve.Fixtures.registry;
import static dev.mp.resolve.Fixtures.request;
import static dev.mp.resolve.Fixtures.set;
import static dev.mp.resolve.Fixtures.unavailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text and JSON forms of one resolution with a conflict, a dependency, a preference and an
 * unavailable registry, compared with the expected files in {@code src/test/resources/resolve/}
 * ({@code -Dmp.golden.update=true} rewrites them; review the diff).
 */
class ResolutionRenderingTest {
  private static final Path PROJECT = Path.of("/work/project");

  private static Resolution resolution() {
    Release gammaTeam = new Release("1.2.0", integrity("gamma-team"), null,
        new PackageSource.Archive("https://plugins.team.dev/packages/gamma-1.2.0.tgz"),
        List.of(DependencySpec.parse("alpha@^1")), true, null);
    Release gammaPublic = new Release("1.3.0", integrity("gamma-public"), null,
        new PackageSource.Git("https://github.com/someone/gamma.git", null, "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a", null),
        List.of(), false, null);
    Release alphaLocal = new Release("1.0.0", integrity("alpha"), null, new PackageSource.Folder(PROJECT.resolve("plugins/alpha")),
        List.of(), false, null);
    Release alphaPublic = new Release("2.0.0", integrity("alpha2"), null,
        new PackageSource.Archive("https://deploy:secret@cdn.example/alpha-2.0.0.tgz"), List.of(), false, null);
    RegistrySet registries = set(
        registry("local", 100, new PluginEntry("alpha", "Alpha", null, List.of(alphaLocal))),
        unavailable("mirror", 50, "connection refused"),
        registry("team", 75, new PluginEntry("gamma", "Gamma", 85, List.of(gammaTeam))),
        registry("public", 0, new PluginEntry("gamma", "Gamma fork", 20, List.of(gammaPublic)),
            new PluginEntry("alpha", null, null, List.of(alphaPublic))));
    Resolution resolution = new RegistryResolver(registries, context(Path.of(System.getProperty("java.io.tmpdir"))))
        .resolve(request("gamma").withPreferences(Map.of("alpha", "local")).withExplain(true).withAudit(false));
    return resolution.withPolicy("gamma", new PolicyVerdict() {
      @Override
      public boolean allowed() {
        return true;
      }

      @Override
      public String summary() {
        return "allowed by rule 1 (allow team plugins)";
      }

      @Override
      public List<String> steps() {
        return List.of("rule 1: allow `*` source team: matched");
      }
    });
  }

  /** The expected file; with {@code -Dmp.golden.update=true} it is rewritten from {@code actual} first. */
  private static String expected(String name, String actual) throws IOException {
    if (Boolean.getBoolean("mp.golden.update")) {
      java.nio.file.Files.writeString(Path.of("src/test/resources/resolve", name), actual, StandardCharsets.UTF_8);
      return actual;
    }
    try (InputStream in = ResolutionRenderingTest.class.getResourceAsStream("/resolve/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void explainTextShowsRegistriesOffersWinnerConflictAndPolicy() throws IOException {
    String text = String.join("\n", ExplainText.lines(resolution(), PROJECT)) + "\n";
    assertThat(text).isEqualTo(expected("explain.txt", text));
  }

  @Test
  void jsonHasEveryFieldInAFixedOrderAndNoCredentials() throws IOException {
    String json = ResolutionJson.text(resolution(), PROJECT);
    assertThat(json).isEqualTo(expected("resolution.json", json)).doesNotContain("secret");
  }

  @Test
  void withoutExplainThereIsNoTrace() throws IOException {
    RegistrySet registries = set(registry("team", 75, plugin("gamma", Fixtures.release("1.0.0", integrity("g")))));
    Resolution resolution = new RegistryResolver(registries, context(Path.of(System.getProperty("java.io.tmpdir"))))
        .resolve(request("gamma").withAudit(false));
    assertThat(resolution.trace()).isNull();
    assertThat(ExplainText.lines(resolution, PROJECT)).isEmpty();
    assertThat(dev.mp.io.Json.readTree(ResolutionJson.text(resolution, PROJECT).getBytes(java.nio.charset.StandardCharsets.UTF_8)).has("trace")).isFalse();
  }
}
