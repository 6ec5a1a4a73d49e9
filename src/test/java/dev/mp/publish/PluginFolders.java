package dev.mp.publish;

import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Plugin folders for publishing tests: a manifest, a command, a script, a folder and a link. */
final class PluginFolders {
  private PluginFolders() {}

  static Path plugin(Path parent, String name, String version) {
    return plugin(parent, name, version, "");
  }

  /** A plugin; {@code extraManifest} is spliced into plugin.json (e.g. {@code , "dependencies": ["lib"]}). */
  static Path plugin(Path parent, String name, String version, String extraManifest) {
    Path root = parent.resolve(name + "-" + version);
    TestFiles.write(root.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version
        + "\", \"description\": \"The " + name + " plugin\"" + extraManifest + "}\n");
    TestFiles.write(root.resolve("commands/" + name + ".md"), "# /" + name + "\nDo the " + name + " thing.\n");
    TestFiles.write(root.resolve("skills/review/SKILL.md"), "---\nname: review\n---\nReview " + name + ".\n");
    Path script = TestFiles.write(root.resolve("bin/run.sh"), "#!/bin/sh\necho " + name + "\n");
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createSymbolicLink(root.resolve("README.md"), Path.of("commands/" + name + ".md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
