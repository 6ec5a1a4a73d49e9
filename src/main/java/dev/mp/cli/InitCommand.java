package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.config.ProjectInitializer.InitResult;
import dev.mp.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    description = "Write .claude/registries.json and .claude/policies/plugins.yaml from the built-in defaults, to edit and commit.")
final class InitCommand extends BaseCommand {
  @Option(names = "--force", description = "Replace existing files.")
  boolean force;

  @Override
  protected int execute() {
    InitResult result = federation().init(force);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      result.written().forEach(document.putArray("written")::add);
      result.overwritten().forEach(document.putArray("overwritten")::add);
      out.json(document);
      return 0;
    }
    for (String file : result.written()) {
      out.status((result.overwritten().contains(file) ? "Replaced `" : "Wrote `") + file + "`");
    }
    out.status("Next: edit the registries and the policy, then `mp registry sync`");
    return 0;
  }
}
