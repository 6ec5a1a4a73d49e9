package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.publish.BuildResult;
import dev.mp.sign.IndexSigner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "build",
    description = "Publish plugin folders and archives into a registry of static files (index and packages).",
    footer = {"", "Writes DIR/index.json (every release kept, the top-level fields following the highest) and"
        + " DIR/packages/<name>-<version>.tgz. A version already published with other content is refused; the same"
        + " content again changes nothing. Atomic: a failed build leaves DIR as it was."})
final class RegistryBuildCommand extends BaseCommand {
  @Parameters(paramLabel = "SRC", arity = "0..*",
      description = "Plugin folders, or archives made by `mp pack`. None: rewrite the marketplace and signature only.")
  List<Path> sources = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The registry folder; its index.json is the registry's history.")
  Path out;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Where DIR is served (https://plugins.team.dev/), for absolute `resolved` URLs (default: relative"
          + " to the index).")
  String baseUrl;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Sign the index and every release in the same step (the private key of `mp registry keygen`).")
  Path key;

  @Option(names = "--expires", paramLabel = "DURATION",
      description = "With --key: clients refuse the index after this long, e.g. 30d (default: keep its `expires`).")
  String expires;

  @Option(names = "--marketplace", paramLabel = "NAME",
      description = "Also write DIR/.claude-plugin/marketplace.json for plain Claude Code: zip archives by URL with an"
          + " https --base-url, else relative plugin folders.")
  String marketplace;

  @Override
  protected int execute() {
    BuildResult result = federation().publishing().build(sources, out, baseUrl, key, expires, marketplace);
    String index = federation().display(result.index());
    IndexSigner.SignedIndex signed = result.signed();
    Output output = output();
    if (output.json()) {
      ObjectNode document = Json.object();
      document.put("index", index);
      document.put("indexWritten", result.indexWritten());
      ArrayNode releases = document.putArray("releases");
      for (BuildResult.PublishedRelease release : result.releases()) {
        ObjectNode node = releases.addObject();
        node.put("name", release.name());
        node.put("version", release.version());
        node.put("status", release.status().wire());
        node.put("source", release.source());
        node.put("integrity", release.integrity());
        node.put("archiveIntegrity", release.archiveIntegrity());
        node.put("file", release.file());
      }
      document.put("plugins", result.plugins());
      document.put("releaseCount", result.releaseCount());
      if (signed == null) {
        document.putNull("signature");
      } else {
        ObjectNode signature = document.putObject("signature");
        signature.put("file", federation().display(IndexSigner.signatureFile(result.index())));
        signature.put("publicKey", signed.key().text());
        signature.put("serial", signed.serial());
        signature.put("expires", signed.expires() == null ? null : signed.expires().toString());
      }
      if (result.marketplace() == null) {
        document.putNull("marketplace");
      } else {
        ObjectNode node = document.putObject("marketplace");
        node.put("file", federation().display(result.marketplace().file()));
        node.put("name", result.marketplace().name());
        node.put("sources", result.marketplace().form());
        node.put("plugins", result.marketplace().plugins());
        node.put("written", result.marketplace().written());
      }
      output.json(document);
      return 0;
    }
    if (!result.releases().isEmpty()) {
      Table table = new Table("PLUGIN", "VERSION", "STATUS", "PACKAGE");
      for (BuildResult.PublishedRelease release : result.releases()) {
        table.row(release.name(), release.version(), release.status().wire(), release.file() == null ? "-" : release.file());
      }
      table.render().forEach(output::line);
    }
    if (result.indexWritten()) {
      output.status("Wrote `" + index + "`: " + result.plugins() + " plugin" + (result.plugins() == 1 ? "" : "s") + ", "
          + result.releaseCount() + " release" + (result.releaseCount() == 1 ? "" : "s") + " (" + result.added() + " new)");
    } else {
      output.status("`" + index + "` is up to date: nothing new to publish");
    }
    if (signed != null) {
      output.status("Signed it (serial " + signed.serial() + (signed.expires() == null ? ", no expiry" : ", expires "
          + signed.expires()) + "); clients verify it with " + signed.key().text() + " in the registry's `keys`");
    }
    if (result.marketplace() != null) {
      BuildResult.MarketplaceResult m = result.marketplace();
      output.status((m.written() ? "Wrote" : "Kept") + " `" + federation().display(m.file()) + "` (marketplace `"
          + m.name() + "`, " + m.plugins() + " plugin" + (m.plugins() == 1 ? "" : "s") + ", "
          + (m.form().equals("archive") ? "zip archives by URL" : "relative plugin folders") + ")");
    }
    return 0;
  }
}
