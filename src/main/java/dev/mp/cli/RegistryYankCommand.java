package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.publish.Yank.YankResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "yank",
    description = "Mark a published release yanked, or with --undo publish it again.",
    footer = {"", "As cargo does: new resolutions skip a yanked release, a lockfile that pins it still installs it,"
        + " with a warning. Nothing is deleted."})
final class RegistryYankCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "The release, e.g. alpha@1.2.0.")
  String release;

  @Option(names = "--index", paramLabel = "FILE", required = true,
      description = "The registry index to change (relative to the project root).")
  Path index;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown to users who asked for it.")
  String reason;

  @Option(names = "--undo", description = "Publish the release again.")
  boolean undo;

  @Option(names = "--key", paramLabel = "FILE", description = "Sign the index again (required when it is signed).")
  Path key;

  @Option(names = "--expires", paramLabel = "DURATION",
      description = "With --key: clients refuse the index after this long, e.g. 30d (default: keep its `expires`).")
  String expires;

  @Override
  protected int execute() {
    YankResult result = federation().publishing().yank(release, index, reason, undo, key, expires);
    String file = federation().display(result.index());
    Output output = output();
    if (output.json()) {
      ObjectNode document = Json.object();
      document.put("index", file);
      document.put("name", result.name());
      document.put("version", result.version());
      document.put("yanked", result.yanked());
      document.put("reason", result.reason());
      document.put("changed", result.changed());
      document.put("latest", result.latest());
      if (result.signed() == null) {
        document.putNull("serial");
      } else {
        document.put("serial", result.signed().serial());
      }
      output.json(document);
      return 0;
    }
    String subject = "`" + result.name() + "` " + result.version();
    if (!result.changed()) {
      output.status(subject + " is already " + (result.yanked() ? "yanked" : "published") + " in `" + file + "`");
    } else {
      output.status((result.yanked() ? "Yanked " : "Published again ") + subject + " in `" + file + "`"
          + (result.reason() == null ? "" : ": " + result.reason()));
    }
    output.status("New resolutions of `" + result.name() + "` take " + result.latest()
        + (result.signed() == null ? "" : "; signed it (serial " + result.signed().serial() + ")"));
    return 0;
  }
}
