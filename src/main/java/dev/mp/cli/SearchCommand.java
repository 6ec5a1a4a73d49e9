package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.registry.client.SearchHit;
import dev.mp.registry.client.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "search",
    description = "Find plugins by name or description across all registries (glob or substring).",
    footer = {"", "Results are grouped by registry in priority order; a plugin offered by several registries is"
        + " listed once per registry."})
final class SearchCommand extends BaseCommand {
  private static final int DESCRIPTION_WIDTH = 80;

  @Parameters(index = "0", paramLabel = "PATTERN",
      description = "A glob (* any characters, ? one) matched against the whole name or description,"
          + " else a substring; case-insensitive.")
  String pattern;

  @Override
  protected int execute() {
    SearchResult result = federation().search(pattern);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("pattern", result.pattern().text());
      document.put("match", result.pattern().isGlob() ? "glob" : "substring");
      ArrayNode results = document.putArray("results");
      for (SearchHit hit : result.hits()) {
        ObjectNode node = results.addObject();
        node.put("name", hit.name());
        node.put("version", hit.version());
        node.put("registry", hit.registry());
        node.put("description", hit.description());
      }
      out.json(document);
      return 0;
    }
    if (result.hits().isEmpty()) {
      out.status("No plugin matches `" + pattern + "`");
      return 0;
    }
    Table table = new Table("NAME", "VERSION", "REGISTRY", "DESCRIPTION");
    for (SearchHit hit : result.hits()) {
      table.row(hit.name(), hit.version(), hit.registry(), shorten(hit.description()));
    }
    out.lines(table.render());
    return 0;
  }

  private static String shorten(String description) {
    if (description == null) {
      return "";
    }
    String line = description.replaceAll("\\s+", " ").strip();
    return line.length() <= DESCRIPTION_WIDTH ? line : line.substring(0, DESCRIPTION_WIDTH - 3).stripTrailing() + "...";
  }
}
