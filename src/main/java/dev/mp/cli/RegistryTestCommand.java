package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.registry.client.RegistryTestResult;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "test",
    description = "Check that a registry is reachable, authenticates and parses; report timing. Reads the"
        + " registry itself, never the cache, and changes nothing.",
    footer = {"", "Exit status: 0 usable; 3 unreachable or credentials refused; 2 unparseable or misconfigured."})
final class RegistryTestCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The registry to test.")
  String name;

  @Override
  protected int execute() {
    RegistryTestResult result = federation().testRegistry(name);
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.set("registry", RegistryJson.of(result.spec()));
      document.put("ok", result.ok());
      document.put("reachable", result.reachable());
      if (result.httpStatus() == null) {
        document.putNull("httpStatus");
      } else {
        document.put("httpStatus", result.httpStatus());
      }
      document.put("auth", result.auth());
      document.put("format", result.format());
      if (result.plugins() == null) {
        document.putNull("plugins");
      } else {
        document.put("plugins", result.plugins());
      }
      document.put("warnings", result.warnings());
      if (result.bytes() == null) {
        document.putNull("bytes");
      } else {
        document.put("bytes", result.bytes());
      }
      document.put("millis", result.millis());
      if (!result.ok()) {
        document.set("error", ErrorJson.of(result.failure()));
      }
      out.json(document);
      return result.ok() ? 0 : result.failure().exitCode();
    }
    row(out, "registry", result.spec().name());
    row(out, "url", RegistryJson.safeUrl(result.spec()));
    row(out, "reachable", (result.reachable() ? "yes" : "no")
        + (result.httpStatus() == null ? "" : " (HTTP " + result.httpStatus() + ")"));
    row(out, "auth", result.spec().auth().wire() + (result.auth().equals("none") ? "" : " (" + result.auth() + ")"));
    row(out, "format", result.format() == null ? "-" : describe(result.format()));
    row(out, "plugins", result.plugins() == null ? "-" : result.plugins()
        + (result.warnings() == 0 ? "" : " (" + result.warnings() + " odd entr" + (result.warnings() == 1 ? "y" : "ies")
            + " reported above)"));
    row(out, "size", ByteSizes.describe(result.bytes()));
    row(out, "time", Durations.millis(result.millis()));
    if (!result.ok()) {
      return out.error(result.failure());
    }
    out.status("Registry `" + result.spec().name() + "` is usable");
    return 0;
  }

  private static void row(Output out, String label, String value) {
    out.line(String.format(Locale.ROOT, "%-10s %s", label, value));
  }

  private static String describe(String format) {
    switch (format) {
      case "index":
        return "registry index";
      case "marketplace":
        return "Claude Code marketplace";
      default:
        return "folder of plugins";
    }
  }
}
