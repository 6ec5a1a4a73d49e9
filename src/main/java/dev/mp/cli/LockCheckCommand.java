package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.Drift;
import dev.mp.lock.LockCheckResult;
import picocli.CommandLine.Command;

@Command(
    name = "check",
    description = "Verify installed plugins against the lockfile; exit 1 on any drift.")
final class LockCheckCommand extends BaseCommand {
  @Override
  protected int execute() {
    LockCheckResult result = federation().lockCheck();
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("clean", result.clean());
      document.put("lockedPlugins", result.lockedPlugins());
      ArrayNode drifts = document.putArray("drifts");
      result.drifts().forEach(d -> drifts.add(d.toJson()));
      document.put("hashedFiles", result.hashedFiles());
      document.put("cachedFiles", result.cachedFiles());
      out.json(document);
      return result.clean() ? 0 : 1;
    }
    out.debug("Hashed " + result.hashedFiles() + " files; " + result.cachedFiles() + " unchanged files came from the stat cache");
    if (result.clean()) {
      out.status("The installed plugins match `plugin-lock.json` (" + LockGenerateCommand.plural(result.lockedPlugins()) + ")");
      return 0;
    }
    for (Drift drift : result.drifts()) {
      out.line(drift.describe());
    }
    out.status("");
    out.status("Found " + result.drifts().size() + " drift(s) from `plugin-lock.json`");
    out.status("hint: run `mp lock install` to restore the locked plugins, or `mp lock generate` to lock what is installed");
    return 1;
  }
}
