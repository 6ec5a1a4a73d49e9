package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.InstallResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "install",
    description = "Resolve, check policy, fetch, verify and install plugins, then update the lockfile. Without names, install what the lockfile's `requested` asks for.")
final class InstallCommand extends BaseCommand {
  @Parameters(paramLabel = "NAME[@RANGE]", arity = "0..*", parameterConsumer = NameList.class,
      description = "Plugins to install.")
  List<String> plugins = new ArrayList<>();

  @Option(names = "--prefer", paramLabel = "NAME=REGISTRY", description = "Take NAME from REGISTRY when registries conflict (repeatable).")
  List<String> prefer = new ArrayList<>();

  @Override
  protected int execute() {
    InstallResult result = federation().install(plugins, prefer);
    Output out = output();
    int installed = result.lockfile().plugins().size();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.set("changes", InstallJson.changes(result.changes()));
      document.put("plugins", installed);
      document.put("lockfileWritten", result.lockfileWritten());
      document.put("claudeSettingsWritten", result.claudeSettingsWritten());
      out.json(document);
      return 0;
    }
    InstallJson.print(out, result.changes());
    out.status(LockGenerateCommand.plural(installed) + " installed; `plugin-lock.json` "
        + (result.lockfileWritten() ? "updated" : "unchanged"));
    InstallJson.printSettings(out, result);
    return 0;
  }
}
