package dev.mp.policy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.config.ProjectLayout;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Glob;
import dev.mp.io.JsonDocument;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.registry.PluginNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Audits a project against its policy ({@code mp policy enforce}). The lockfile is the record of what
 * is installed: each locked plugin is evaluated with the facts the lockfile keeps (version, registry,
 * trust score, {@code signed: true} as a verified signature, {@code signedClaim: true} as the index's
 * claim — which counts as signed, as it did at install, unless the registry now lists keys). The install folder is cross-checked: a
 * plugin folder the lockfile does not list is a violation (evaluated with its registry unknown), and a
 * locked plugin whose folder is missing is still audited and reported as not installed. Then every
 * pattern of every {@code require} rule must be satisfied by a locked plugin the policy allows.
 * Stateless and thread-safe.
 */
public final class PolicyEnforcer {
  private PolicyEnforcer() {}

  /**
   * Audits the project at {@code layout}, reading each installed plugin's files (capabilities and hidden
   * text) on one thread per processor.
   *
   * @throws MpException {@code LOCKFILE_ERROR} or {@code UNSUPPORTED_LOCK_VERSION} for a bad lockfile,
   *     {@code IO_ERROR} when the install folder cannot be listed or a plugin's files cannot be read
   */
  public static EnforceReport audit(PolicyEngine engine, ProjectLayout layout) {
    return audit(engine, layout, dev.mp.content.ScanCache.NONE);
  }

  /**
   * {@link #audit(PolicyEngine, ProjectLayout)} with the hidden-text scan of files whose stat is unchanged
   * since the last audit answered from {@code cache}.
   */
  public static EnforceReport audit(PolicyEngine engine, ProjectLayout layout, dev.mp.content.ScanCache cache) {
    byte[] bytes = AtomicFiles.readIfExists(layout.lockfile());
    Lockfile lockfile = null;
    JsonDocument lines = null;
    if (bytes != null) {
      lines = JsonDocument.parseJson(ProjectLayout.LOCKFILE, bytes, ErrorCode.LOCKFILE_ERROR);
      lockfile = LockfileCodec.parse(lines);
    }
    SortedSet<String> installed = PluginNames.installedNames(installedFolders(layout.installDir()),
        lockfile == null ? java.util.List.of() : lockfile.plugins().keySet());
    return audit(engine, lockfile, lines, installed, layout.display(layout.installDir()),
        InstalledFiles.read(layout.installDir(), installed, cache));
  }

  /**
   * Audits {@code lockfile} and {@code installed} against the engine's policy, without reading files.
   *
   * @param lockfile the lockfile, or null when there is none
   * @param lines the lockfile parsed for line numbers, or null
   * @param installed what is installed, by plugin name ({@code PluginNames.installedNames})
   * @param installDir the install folder as shown
   */
  public static EnforceReport audit(
      PolicyEngine engine, Lockfile lockfile, JsonDocument lines, SortedSet<String> installed, String installDir) {
    return audit(engine, lockfile, lines, installed, installDir, Map.of());
  }

  /**
   * {@link #audit(PolicyEngine, Lockfile, JsonDocument, SortedSet, String)} with what was read from the
   * installed plugins' files, by plugin name (plugins without an entry are judged without it).
   */
  public static EnforceReport audit(PolicyEngine engine, Lockfile lockfile, JsonDocument lines,
      SortedSet<String> installed, String installDir, Map<String, InstalledFiles> files) {
    Map<String, LockedPlugin> locked = lockfile == null ? Map.of() : lockfile.plugins();
    SortedSet<String> names = new TreeSet<>(locked.keySet());
    names.addAll(installed);
    List<AuditedPlugin> plugins = new ArrayList<>(names.size());
    for (String name : names) {
      LockedPlugin plugin = locked.get(name);
      InstalledFiles read = files.get(name);
      if (plugin == null) {
        PluginFacts facts = new PluginFacts(name, null, null, null, SignatureState.UNSIGNED);
        Decision decision = engine.evaluate(withFiles(facts, null, read));
        plugins.add(new AuditedPlugin(name, AuditedPlugin.Presence.UNLOCKED, decision, 0));
      } else {
        PluginFacts facts = new PluginFacts(name, plugin.version(), plugin.source(), plugin.trustScore(),
            signature(engine, plugin));
        AuditedPlugin.Presence presence =
            installed.contains(name) ? AuditedPlugin.Presence.INSTALLED : AuditedPlugin.Presence.NOT_INSTALLED;
        int line = lines == null ? 0 : lines.line("/plugins/" + JsonDocument.escape(name));
        Decision decision = engine.evaluate(withFiles(facts, plugin.capabilities(), presence
            == AuditedPlugin.Presence.INSTALLED ? read : null));
        plugins.add(new AuditedPlugin(name, presence, decision, line));
      }
    }
    String lockfileName = lockfile == null ? null : ProjectLayout.LOCKFILE;
    int pluginsLine = lines == null ? 0 : lines.line("/plugins");
    return new EnforceReport(engine.policy(), lockfileName, pluginsLine, installDir, plugins,
        unmet(engine.policy(), plugins));
  }

  /**
   * The facts with capabilities — what the lockfile records and what the installed files show, both —
   * and the hidden text of the installed files.
   */
  private static PluginFacts withFiles(PluginFacts facts, Capabilities recorded, InstalledFiles read) {
    Capabilities capabilities = recorded;
    if (read != null) {
      capabilities = recorded == null ? read.capabilities() : recorded.union(read.capabilities());
    }
    PluginFacts withCapabilities = facts.withCapabilities(capabilities);
    return read == null ? withCapabilities : withCapabilities.withHiddenText(read.hiddenText());
  }

  /** The signature state a locked plugin was installed with, as install judged it. */
  static SignatureState signature(PolicyEngine engine, LockedPlugin plugin) {
    if (plugin.isSigned()) {
      return SignatureState.VERIFIED;
    }
    if (plugin.isClaimedSigned() && !engine.hasKeys(plugin.source())) {
      return SignatureState.CLAIMED;
    }
    return SignatureState.UNSIGNED;
  }

  private static List<UnmetRequirement> unmet(Policy policy, List<AuditedPlugin> plugins) {
    List<UnmetRequirement> unmet = new ArrayList<>();
    for (Rule rule : policy.requirements()) {
      for (Glob pattern : rule.plugins()) {
        List<String> notCompliant = new ArrayList<>();
        boolean met = false;
        for (AuditedPlugin plugin : plugins) {
          PluginFacts facts = plugin.decision().facts();
          boolean selected = pattern.matches(plugin.name()) && rule.selects(facts);
          if (selected && !plugin.isViolation()) {
            met = true;
          } else if (selected) {
            notCompliant.add(plugin.name());
          }
        }
        if (!met) {
          unmet.add(new UnmetRequirement(rule, pattern, notCompliant));
        }
      }
    }
    return unmet;
  }

  /** The plugin folders in {@code installDir}: sub-folders not starting with {@code .}, sorted. */
  static SortedSet<String> installedFolders(Path installDir) {
    SortedSet<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(installDir)) {
      entries.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .forEach(names::add);
    } catch (NoSuchFileException e) {
      return names;
    } catch (IOException e) {
      throw MpException.io("failed to list the install folder `" + installDir + "`", e);
    }
    return names;
  }
}
