package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.InstallResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "uninstall", description = "Remove plugins and the dependencies nothing else needs; update the lockfile.")
final class UninstallCommand extends BaseCommand {
  @Parameters(paramLabel = "NAME", arity = "1..*", parameterConsumer = NameList.class,
      description = "Plugins to remove.")
  List<String> plugins = new ArrayList<>();

  @Override
  protected int execute() {
    InstallResult result = federation().uninstall(plugins);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.set("changes", InstallJson.changes(result.changes()));
      com.fasterxml.jackson.databind.node.ArrayNode kept = document.putArray("keptAsDependencies");
      result.keptAsDependencies().forEach(kept::add);
      document.put("lockfileWritten", result.lockfileWritten());
      document.put("claudeSettingsWritten", result.claudeSettingsWritten());
      out.json(document);
      return 0;
    }
    InstallJson.print(out, result.changes());
    if (result.lockfileWritten()) {
      out.status("Updated `plugin-lock.json`");
    }
    InstallJson.printSettings(out, result);
    return 0;
  }
}
