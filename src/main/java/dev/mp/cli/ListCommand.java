package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.ListResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Show installed plugins, their version and source, and whether each matches the lockfile.")
final class ListCommand extends BaseCommand {
  @Option(names = "--capabilities",
      description = "Also show what each plugin can do: hooks (with events), monitors, MCP and LSP servers, binaries, commands, agents, skills, network hosts.")
  boolean capabilities;

  @Override
  protected int execute() {
    ListResult result = federation().listInstalled(capabilities);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("lockfile", result.hasLockfile());
      ArrayNode plugins = document.putArray("plugins");
      for (ListResult.Row row : result.rows()) {
        ObjectNode node = plugins.addObject();
        node.put("name", row.name());
        InstallJson.putNullable(node, "version", row.version());
        InstallJson.putNullable(node, "registry", row.registry());
        InstallJson.putNullable(node, "resolved", row.resolved());
        node.put("status", row.status());
        InstallJson.putNullable(node, "detail", row.detail());
        if (capabilities) {
          node.set("capabilities", row.capabilities() == null ? null : row.capabilities().toJson());
        }
      }
      out.json(document);
      return 0;
    }
    if (result.rows().isEmpty()) {
      out.status("No plugins installed; install one with `mp install NAME`");
      return 0;
    }
    Table table = capabilities ? new Table("NAME", "VERSION", "SOURCE", "LOCKFILE", "CAPABILITIES")
        : new Table("NAME", "VERSION", "SOURCE", "LOCKFILE");
    for (ListResult.Row row : result.rows()) {
      String status = row.status().replace('-', ' ') + (row.detail() == null ? "" : " (" + row.detail() + ")");
      String version = row.version() == null ? "-" : row.version();
      String registry = row.registry() == null ? "-" : row.registry();
      if (capabilities) {
        table.row(row.name(), version, registry, status, row.capabilities() == null ? "unknown" : row.capabilities().describe());
      } else {
        table.row(row.name(), version, registry, status);
      }
    }
    out.lines(table.render());
    if (!result.hasLockfile()) {
      out.status("No `plugin-lock.json`; write one with `mp lock generate`");
    }
    return 0;
  }
}
