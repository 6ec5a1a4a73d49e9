package dev.mp;

import dev.mp.config.RegistriesConfig;
import dev.mp.config.RegistrySpec;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.Release;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.client.RegistryClient;
import dev.mp.registry.http.HttpSettings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Warns, before {@code lock install}, about locked releases their registry has yanked since: they are
 * still installed (cargo's semantics), but the team should know. Best effort and never on the network:
 * only the registry indexes already in the cache (and index files on disk) are read, and a registry
 * that cannot be read is passed over in silence, because {@code lock install} does not depend on
 * registries at all. Folders of plugins and marketplaces have no yanked releases and are not read.
 */
final class YankedPins {
  private YankedPins() {}

  static void warn(Federation federation, Lockfile lockfile) {
    if (lockfile.plugins().isEmpty()) {
      return;
    }
    Context context = federation.context();
    RegistriesConfig config;
    try {
      config = federation.config().config();
    } catch (MpException e) {
      return;
    }
    Set<String> sources = new HashSet<>();
    lockfile.plugins().values().forEach(plugin -> sources.add(plugin.source()));
    List<RegistrySpec> specs = new ArrayList<>();
    for (RegistrySpec spec : config.enabledByPriority()) {
      if (sources.contains(spec.name()) && (spec.isRemote() || !Files.isDirectory(context.projectDir().resolve(spec.url())))
          && !spec.url().endsWith("marketplace.json")) {
        specs.add(spec);
      }
    }
    if (specs.isEmpty()) {
      return;
    }
    RegistrySet registries;
    try {
      Context quiet = context.withOffline(true).withReporter(Reporter.SILENT);
      registries = new RegistryClient(quiet, config.defaults(), HttpSettings.DEFAULT, RegistryClient.BUILT_IN_CREDENTIALS)
          .load(specs);
    } catch (MpException e) {
      return;
    }
    for (Map.Entry<String, LockedPlugin> locked : lockfile.plugins().entrySet()) {
      for (LoadedRegistry registry : registries.available()) {
        if (!registry.name().equals(locked.getValue().source())) {
          continue;
        }
        Optional<Release> release = registry.index().find(locked.getKey())
            .flatMap(entry -> entry.release(locked.getValue().version()));
        if (release.isPresent() && release.get().yanked()) {
          String reason = release.get().details().yankedReason();
          context.reporter().warn("`" + locked.getKey() + "` " + locked.getValue().version() + " is yanked in `"
              + registry.name() + "`" + (reason == null ? "" : " (" + reason + ")")
              + "; installing it because `plugin-lock.json` pins it — `mp install " + locked.getKey()
              + "` moves to a release that is not yanked");
        }
      }
    }
  }
}
