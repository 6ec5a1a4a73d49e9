package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.LockGenerateResult;
import picocli.CommandLine.Command;

@Command(name = "generate", description = "Write plugin-lock.json from the installed plugins (upgrades a lockVersion 1 file).")
final class LockGenerateCommand extends BaseCommand {
  @Override
  protected int execute() {
    LockGenerateResult result = federation().lockGenerate();
    Output out = output();
    String file = federation().layout().display(result.file());
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("file", file);
      document.put("written", result.written());
      document.put("plugins", result.plugins());
      if (result.previousVersion() < dev.mp.lock.LockfileCodec.LOCK_VERSION) {
        document.put("upgradedFrom", result.previousVersion());
      } else {
        document.putNull("upgradedFrom");
      }
      com.fasterxml.jackson.databind.node.ArrayNode unmanaged = document.putArray("unmanaged");
      result.unmanaged().forEach(unmanaged::add);
      out.json(document);
      return 0;
    }
    if (result.previousVersion() < dev.mp.lock.LockfileCodec.LOCK_VERSION) {
      out.status("Upgraded `" + file + "` from lockVersion " + result.previousVersion() + " to "
          + dev.mp.lock.LockfileCodec.LOCK_VERSION);
    }
    out.status(result.written()
        ? "Wrote `" + file + "` (" + plural(result.plugins()) + ")"
        : "`" + file + "` is up to date (" + plural(result.plugins()) + ")");
    return 0;
  }

  static String plural(int plugins) {
    return plugins + (plugins == 1 ? " plugin" : " plugins");
  }
}
