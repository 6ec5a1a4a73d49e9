package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.config.RegistryChange;
import dev.mp.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = "Remove a registry from the project.")
final class RegistryRemoveCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The registry to remove.")
  String name;

  @Override
  protected int execute() {
    RegistryChange change = federation().removeRegistry(name);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("action", "removed");
      document.set("registry", RegistryJson.of(change.registry()));
      document.put("file", federation().layout().display(change.file()));
      out.json(document);
    } else {
      out.status("Removed registry `" + change.registry().name() + "`");
    }
    return 0;
  }
}
