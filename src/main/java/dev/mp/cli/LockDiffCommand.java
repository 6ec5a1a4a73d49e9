package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.LockDiffResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diff", description = "Show the lockfile's plugin changes as Markdown for a pull request (default: against git HEAD).")
final class LockDiffCommand extends BaseCommand {
  @Option(names = "--against", paramLabel = "FILE", description = "Compare with this lockfile.")
  Path against;

  @Option(names = "--git", paramLabel = "REV", description = "Compare with the lockfile at this git revision.")
  String revision;

  @Override
  protected int execute() {
    LockDiffResult diff = federation().lockDiff(against, revision);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("base", diff.base());
      InstallJson.putNullable(document, "note", diff.note());
      document.set("added", changes(diff.added()));
      document.set("removed", changes(diff.removed()));
      document.set("updated", changes(diff.updated()));
      document.set("sourceChanged", changes(diff.sourceChanged()));
      document.set("entryChanged", changes(diff.entryChanged()));
      ArrayNode capabilities = document.putArray("capabilitiesChanged");
      for (LockDiffResult.CapabilityChange change : diff.capabilitiesChanged()) {
        ObjectNode node = capabilities.addObject();
        node.put("plugin", change.plugin());
        node.put("version", change.version());
        node.set("gained", change.gained().toJson());
        node.set("lost", change.lost().toJson());
      }
      document.put("affected", diff.affected());
      document.put("markdown", diff.markdown());
      out.json(document);
      return 0;
    }
    out.status("Comparing `plugin-lock.json` with "
        + (diff.base().startsWith("git ") ? diff.base() : "`" + diff.base() + "`"));
    if (diff.note() != null) {
      out.warn(diff.note());
    }
    out.line(diff.markdown().stripTrailing());
    return 0;
  }

  private static ArrayNode changes(List<LockDiffResult.Change> changes) {
    ArrayNode array = Json.array();
    for (LockDiffResult.Change change : changes) {
      ObjectNode node = array.addObject();
      node.put("plugin", change.plugin());
      InstallJson.putNullable(node, "fromVersion", change.fromVersion());
      InstallJson.putNullable(node, "toVersion", change.toVersion());
      InstallJson.putNullable(node, "fromSource", change.fromSource());
      InstallJson.putNullable(node, "toSource", change.toSource());
      node.put("integrityOnly", change.integrityOnly());
    }
    return array;
  }
}
