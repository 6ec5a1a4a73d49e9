package dev.mp.cli;

import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.policy.ClaudeManagedSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    description = "Write the policy in another tool's terms. --claude-managed-settings: the fragment of Claude Code's managed-settings.json (strictKnownMarketplaces, blockedMarketplaces, enabledPlugins) that makes Claude Code enforce the same decisions.")
final class PolicyExportCommand extends BaseCommand {
  @Option(names = "--claude-managed-settings", description = "Export for Claude Code's managed settings.")
  boolean claudeManagedSettings;

  @Option(names = "--output", paramLabel = "FILE", description = "Write it to FILE instead of stdout.")
  Path output;

  @Override
  protected int execute() {
    if (!claudeManagedSettings) {
      throw MpException.usage("`mp policy export` needs a target", "use `mp policy export --claude-managed-settings`");
    }
    ClaudeManagedSettings.Export export = federation().policyExportClaudeManagedSettings();
    export.notes().forEach(output()::warn);
    String text = CanonicalJson.toString(export.settings(), false);
    if (output == null) {
      output().line(text.stripTrailing());
      return 0;
    }
    Path target = federation().context().projectDir().resolve(output);
    AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    output().status("Wrote Claude Code managed settings to `" + federation().display(target)
        + "`; merge them into `/etc/claude-code/managed-settings.json` (or a file in `managed-settings.d/`)");
    return 0;
  }
}
