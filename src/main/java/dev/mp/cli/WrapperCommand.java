package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.wrapper.WrapperProperties;
import dev.mp.wrapper.WrapperRequest;
import dev.mp.wrapper.WrapperResult;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "wrapper",
    description = {
      "Write or update the project's mp wrapper: `mpw` and `.mp/wrapper.properties`.",
      "The properties pin the mp version and the sha256 of its jar. Commit both files; `./mpw ARGS` then"
          + " downloads that jar once, verifies it, and runs it.",
      "The checksum is the one given with --sha256, else the one already pinned for the same version, else the"
          + " running jar's when VERSION is the running mp's, else the `.sha256` the repository publishes."
    })
final class WrapperCommand extends BaseCommand {
  @Option(names = "--version", paramLabel = "VERSION",
      description = "The mp version to pin (default: the pinned one, else the running one).")
  String version;

  @Option(names = "--sha256", paramLabel = "HEX", description = "The SHA-256 of mp-VERSION.jar, when you have it.")
  String sha256;

  @Option(names = "--repository-url", paramLabel = "URL",
      description = "The Maven repository to download from: a mirror such as Artifactory or Nexus"
          + " (default: the pinned one, else " + WrapperProperties.CENTRAL + ").")
  String repositoryUrl;

  @Option(names = "--token-variable", paramLabel = "NAME",
      description = "The environment variable whose value mpw sends to the repository as a Bearer token"
          + " (\"\" removes it). The token itself is never written.")
  String tokenVariable;

  @Override
  protected int execute() {
    WrapperResult result = federation().wrapper(new WrapperRequest(Optional.ofNullable(version),
        Optional.ofNullable(sha256), Optional.ofNullable(repositoryUrl), Optional.ofNullable(tokenVariable)));
    WrapperProperties pin = result.properties();
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("version", pin.version());
      document.put("sha256", pin.sha256());
      document.put("checksumSource", result.checksumSource().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      document.put("repositoryUrl", pin.repositoryUrl());
      pin.tokenVariable().ifPresent(v -> document.put("tokenVariable", v));
      result.written().forEach(document.putArray("written")::add);
      out.json(document);
      return 0;
    }
    out.status((result.written().isEmpty() ? "Unchanged: " : "Wrote " + String.join(" and ", result.written().stream()
        .map(f -> "`" + f + "`").toList()) + ": ") + "mp " + pin.version() + ", sha256 " + pin.sha256() + " ("
        + result.checksumSource().description() + ")");
    out.status("Downloads from " + pin.jarUri() + pin.tokenVariable().map(v -> " with the token in `" + v + "`").orElse(""));
    out.status("Next: commit `mpw` and `.mp/wrapper.properties`; `./mpw --version` fetches and verifies mp on first use");
    return 0;
  }
}
