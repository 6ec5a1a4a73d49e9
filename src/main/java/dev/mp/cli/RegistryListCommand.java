package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.registry.RegistryListing;
import dev.mp.registry.RegistryStatus;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Show the registries in the order they are consulted (priority, then name).")
final class RegistryListCommand extends BaseCommand {
  @Override
  protected int execute() {
    RegistryListing listing = federation().listRegistries();
    Output out = output();
    String source = listing.config().isBuiltInDefault()
        ? "built-in defaults"
        : federation().layout().display(listing.config().file());
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("config", source);
      ArrayNode registries = document.putArray("registries");
      for (RegistryStatus status : listing.registries()) {
        ObjectNode node = RegistryJson.of(status.spec());
        if (status.cacheAgeSeconds() == null) {
          node.putNull("cacheAgeSeconds");
        } else {
          node.put("cacheAgeSeconds", status.cacheAgeSeconds());
        }
        if (status.pluginCount() == null) {
          node.putNull("plugins");
        } else {
          node.put("plugins", status.pluginCount());
        }
        registries.add(node);
      }
      out.json(document);
      return 0;
    }
    if (listing.config().isBuiltInDefault()) {
      out.status("Using the built-in default registries (no `.claude/registries.json`)");
    }
    if (listing.registries().isEmpty()) {
      out.status("No registries configured; add one with `mp registry add NAME URL`");
      return 0;
    }
    Table table = new Table("NAME", "URL", "PRIORITY", "POLICY", "ENABLED", "AUTH", "CACHED", "PLUGINS");
    for (RegistryStatus status : listing.registries()) {
      table.row(
          status.spec().name(),
          RegistryJson.safeUrl(status.spec()),
          Integer.toString(status.spec().priority()),
          status.spec().policy().wire(),
          status.spec().enabled() ? "yes" : "no",
          status.spec().auth().wire(),
          status.cacheAgeSeconds() == null ? "-" : Durations.age(status.cacheAgeSeconds()),
          status.pluginCount() == null ? "-" : Integer.toString(status.pluginCount()));
    }
    out.lines(table.render());
    return 0;
  }
}
