package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.InstallResult;
import picocli.CommandLine.Command;

@Command(
    name = "install",
    description = "Install exactly what plugin-lock.json pins (like `npm ci`): verify every package, remove plugins it does not list; all or nothing.")
final class LockInstallCommand extends BaseCommand {
  @Override
  protected int execute() {
    InstallResult result = federation().lockInstall();
    Output out = output();
    int plugins = result.lockfile().plugins().size();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.set("changes", InstallJson.changes(result.changes()));
      document.put("plugins", plugins);
      document.put("claudeSettingsWritten", result.claudeSettingsWritten());
      out.json(document);
      return 0;
    }
    InstallJson.print(out, result.changes());
    out.status("Installed " + LockGenerateCommand.plural(plugins) + " from `plugin-lock.json`");
    InstallJson.printSettings(out, result);
    return 0;
  }
}
