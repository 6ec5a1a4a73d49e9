package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.registry.client.SyncOutcome;
import dev.mp.registry.client.SyncResult;
import dev.mp.registry.client.SyncStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "sync",
    description = "Fetch registry indexes now (ignoring the cache TTL), all in parallel, and report each.",
    footer = {"", "Exit status: 0 when every registry synced; 3 when any could not be (stale copies stay in use)."})
final class RegistrySyncCommand extends BaseCommand {
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Registries to sync (default: all enabled).")
  List<String> names = new ArrayList<>();

  @Override
  protected int execute() {
    Output out = output();
    SyncResult result = federation().syncRegistries(names,
        SyncProgress.start(root().invocation(), out, names.size()));
    MpException failure = failure(result);
    if (out.json()) {
      ObjectNode document = Json.object();
      ArrayNode registries = document.putArray("registries");
      for (SyncOutcome outcome : result.outcomes()) {
        ObjectNode node = registries.addObject();
        node.put("name", outcome.name());
        node.put("url", RegistryJson.safeUrl(outcome.spec()));
        node.put("status", outcome.status().wire());
        putNullable(node, "plugins", outcome.plugins() == null ? null : outcome.plugins().longValue());
        putNullable(node, "bytes", outcome.bytes());
        node.put("millis", outcome.millis());
        putNullable(node, "cacheAgeSeconds", outcome.cacheAgeSeconds());
        node.put("problem", outcome.problem());
      }
      document.put("synced", result.outcomes().size() - result.failed().size());
      document.put("failed", result.failed().size());
      if (failure != null) {
        document.set("error", ErrorJson.of(failure));
      }
      out.json(document);
      return failure == null ? 0 : failure.exitCode();
    }
    Table table = new Table("NAME", "STATUS", "PLUGINS", "SIZE", "TIME");
    for (SyncOutcome outcome : result.outcomes()) {
      table.row(outcome.name(), outcome.status().wire(),
          outcome.plugins() == null ? "-" : outcome.plugins().toString(), ByteSizes.describe(outcome.bytes()),
          Durations.millis(outcome.millis()));
    }
    out.lines(table.render());
    for (SyncOutcome outcome : result.failed()) {
      if (failure != null && failure.getMessage().equals(outcome.problem())) {
        continue; // the error below says it
      }
      out.warn("registry `" + outcome.name() + "`: " + outcome.problem()
          + (outcome.status() == SyncStatus.STALE
              ? " (the cached copy from " + Durations.age(outcome.cacheAgeSeconds()) + " ago stays in use)" : ""));
    }
    if (failure != null) {
      return out.error(failure);
    }
    out.status("Synced " + result.outcomes().size() + " registr" + (result.outcomes().size() == 1 ? "y" : "ies"));
    return 0;
  }

  private static MpException failure(SyncResult result) {
    List<SyncOutcome> failed = result.failed();
    if (failed.isEmpty()) {
      return null;
    }
    List<SyncOutcome> rejected = failed.stream().filter(SyncOutcome::rejected).toList();
    if (!rejected.isEmpty()) {
      // A refused index is a trust failure, not an outage: it outranks every other failure.
      String kept = rejected.get(0).status() == SyncStatus.STALE
          ? "the previous good copy stays in use" : "no good copy of it is cached";
      return new MpException(ErrorCode.INDEX_REJECTED, rejected.size() == 1 ? rejected.get(0).problem()
          : rejected.size() + " registries' indexes were rejected: "
              + rejected.stream().map(o -> "`" + o.name() + "`").collect(Collectors.joining(", ")),
          kept + "; `mp registry test " + rejected.get(0).name() + "` shows why");
    }
    String names = failed.stream().map(o -> "`" + o.name() + "`").collect(Collectors.joining(", "));
    String hint = "`mp registry test " + failed.get(0).name() + "` shows what the registry answers";
    if (result.noneSynced() && result.outcomes().size() > 1) {
      return new MpException(ErrorCode.ALL_REGISTRIES_UNAVAILABLE, "no registry could be synced", hint);
    }
    return new MpException(ErrorCode.REGISTRY_UNAVAILABLE,
        failed.size() + " of " + result.outcomes().size() + " registr" + (result.outcomes().size() == 1 ? "y" : "ies")
            + " could not be synced: " + names, hint);
  }

  private static void putNullable(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
