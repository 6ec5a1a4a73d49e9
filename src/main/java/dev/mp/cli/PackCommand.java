package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.publish.Pack.PackResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "pack",
    description = "Pack one plugin folder into a reproducible <name>-<version>.tgz; print its integrity.",
    footer = {"", "Entries sorted under one top folder <name>/, fixed times and owners, modes 644/755, no .git/,"
        + " a gzip header without time or name: the same folder gives the same bytes anywhere. `integrity` is the"
        + " tree hash (the same for the folder and the extracted archive); `archiveIntegrity` the SHA-512 of the"
        + " archive bytes."})
final class PackCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR",
      description = "The plugin folder, holding .claude-plugin/plugin.json with `name` and `version`.")
  Path folder;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write the archive (default: the project root). Relative paths are resolved against"
          + " the project root.")
  Path out;

  @Override
  protected int execute() {
    PackResult packed = federation().publishing().pack(folder, out == null ? Path.of("") : out);
    String file = federation().display(packed.file());
    Output output = output();
    if (output.json()) {
      ObjectNode document = Json.object();
      document.put("name", packed.name());
      document.put("version", packed.version());
      document.put("file", file);
      document.put("integrity", packed.integrity());
      document.put("archiveIntegrity", packed.archiveIntegrity());
      document.put("files", packed.files());
      document.put("bytes", packed.bytes());
      output.json(document);
      return 0;
    }
    Table table = new Table("name", packed.name());
    table.row("version", packed.version());
    table.row("file", file);
    table.row("integrity", packed.integrity());
    table.row("archiveIntegrity", packed.archiveIntegrity());
    table.render().forEach(output::line);
    output.status("Packed " + packed.files() + " file" + (packed.files() == 1 ? "" : "s") + " into `" + file + "` ("
        + ByteSizes.describe(packed.bytes()) + ")");
    return 0;
  }
}
