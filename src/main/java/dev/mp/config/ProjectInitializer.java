package dev.mp.config;

import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mp init}: writes the built-in default registries and policy into a project, so the team can
 * edit and commit them. Refuses to overwrite existing files unless forced; checks both files before
 * writing either, so a refusal changes nothing.
 */
public final class ProjectInitializer {
  private ProjectInitializer() {}

  /** The files written, relative to the project root, in the order written. */
  public record InitResult(List<String> written, List<String> overwritten) {
    public InitResult {
      written = List.copyOf(written);
      overwritten = List.copyOf(overwritten);
    }
  }

  /**
   * Writes {@code .claude/registries.json} and {@code .claude/policies/plugins.yaml}.
   *
   * @throws MpException {@code USAGE_ERROR} when a file exists and {@code force} is false
   */
  public static InitResult init(Path projectDir, boolean force) {
    List<String> files = List.of(ConfigLoader.FILE, ProjectLayout.POLICY_FILE);
    List<String> existing = new ArrayList<>();
    for (String file : files) {
      if (Files.exists(projectDir.resolve(file))) {
        existing.add(file);
      }
    }
    if (!existing.isEmpty() && !force) {
      throw MpException.usage(
          "`" + String.join("` and `", existing) + "` already exist" + (existing.size() == 1 ? "s" : ""),
          "pass `--force` to replace " + (existing.size() == 1 ? "it" : "them") + " with the defaults");
    }
    AtomicFiles.write(projectDir.resolve(ConfigLoader.FILE), ConfigLoader.builtInRegistries());
    AtomicFiles.write(projectDir.resolve(ProjectLayout.POLICY_FILE), ConfigLoader.builtInPolicy());
    return new InitResult(files, existing);
  }
}
