package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.config.AddRegistryRequest;
import dev.mp.config.RegistryChange;
import dev.mp.io.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "add",
    description =
        "Add a registry, or replace the registry of the same name. URL is a folder of plugins, a Claude Code marketplace (folder or marketplace.json), a registry index (.json file), or an http(s) URL of a marketplace.json or index.")
final class RegistryAddCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Registry name: [a-z0-9][a-z0-9._-]*.")
  String name;

  @Parameters(index = "1", paramLabel = "URL", description = "Folder, .json file or http(s) URL.")
  String url;

  @Option(names = "--priority", paramLabel = "N",
      description = "Higher is consulted first; ties by name (default: 0).")
  Integer priority;

  @Option(names = "--auth", paramLabel = "SPEC",
      description = "none (default), token:ENV_VAR, oidc:github-actions, oidc:env:ENV_VAR or oidc:https://issuer.")
  String auth;

  @Option(names = "--policy", paramLabel = "MODE",
      description = "open (default), enforce or allow-listed: what applies when no policy rule decides.")
  String policy;

  @Option(names = "--key", paramLabel = "ed25519:B64",
      description = "A trusted Ed25519 public key for signatures (repeatable).")
  List<String> keys = new ArrayList<>();

  @Option(names = "--disabled", description = "Add the registry switched off.")
  boolean disabled;

  @Override
  protected int execute() {
    RegistryChange change =
        federation().addRegistry(new AddRegistryRequest(name, url, priority, auth, policy, keys, disabled));
    Output out = output();
    String file = federation().layout().display(change.file());
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("action", change.replaced() ? "replaced" : "added");
      document.set("registry", RegistryJson.of(change.registry()));
      document.put("file", file);
      document.put("createdFromDefaults", change.createdFromDefaults());
      out.json(document);
    } else {
      if (change.createdFromDefaults()) {
        out.status("Created `" + file + "` from the built-in default registries");
      }
      out.status((change.replaced() ? "Replaced" : "Added") + " registry `" + change.registry().name()
          + "` (" + RegistryJson.safeUrl(change.registry()) + ", priority " + change.registry().priority() + ")");
    }
    return 0;
  }
}
