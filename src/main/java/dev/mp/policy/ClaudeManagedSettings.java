package dev.mp.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.capability.CapabilityDetector;
import dev.mp.config.RegistrySpec;
import dev.mp.io.Glob;
import dev.mp.io.Json;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy as a fragment of Claude Code's managed settings ({@code managed-settings.json}), so that
 * Claude Code enforces mp's decisions for plugins added without mp:
 *
 * <ul>
 *   <li>{@code strictKnownMarketplaces}: the only marketplaces Claude Code may add — each enabled remote
 *       registry that is a Claude Code marketplace ({@code url}, and {@code github} for a raw GitHub
 *       file), and the project's installed marketplace ({@code pathPattern} matching the install folder);
 *   <li>{@code blockedMarketplaces}: registries the policy denies outright ({@code deny ["*"]} with
 *       {@code source:} and no other condition, no rule before it permitting any of their plugins);
 *   <li>{@code enabledPlugins}: {@code "name@marketplace": false} for every plugin of those marketplaces
 *       the policy denies, judged as {@code mp install} judges before fetching.
 * </ul>
 *
 * What the fragment cannot say is returned as notes: a folder registry (its path differs per machine),
 * a marketplace whose name is unknown (never fetched), plugins whose decision may change once their
 * files are known (rules on capabilities or content). Keys in a fixed order, plugins sorted. Stateless.
 */
public final class ClaudeManagedSettings {
  private static final Pattern RAW_GITHUB = Pattern.compile("https://raw\\.githubusercontent\\.com/([^/]+)/([^/]+)/.*");

  private ClaudeManagedSettings() {}

  /**
   * One enabled registry as the export sees it.
   *
   * @param spec the registry
   * @param marketplaceName its Claude Code marketplace name, or null when it is not a marketplace or
   *     its name is unknown
   * @param entries what it offers (empty when unavailable)
   */
  public record Registry(RegistrySpec spec, String marketplaceName, List<PluginEntry> entries) {
    public Registry {
      Objects.requireNonNull(spec);
      entries = List.copyOf(entries);
    }
  }

  /** The fragment and what it could not express. */
  public record Export(ObjectNode settings, List<String> notes) {
    public Export {
      notes = List.copyOf(notes);
    }
  }

  /**
   * @param installDir the install folder relative to the project root ({@code .claude/plugins})
   */
  public static Export of(PolicyEngine engine, List<Registry> registries, String installDir) {
    ObjectNode settings = Json.object();
    ArrayNode allowed = settings.putArray("strictKnownMarketplaces");
    ArrayNode blocked = settings.putArray("blockedMarketplaces");
    TreeMap<String, Boolean> disabled = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (Registry registry : registries) {
      RegistrySpec spec = registry.spec();
      if (!spec.isRemote()) {
        notes.add("registry `" + spec.name() + "` is a local folder or file: Claude Code would add it by its"
            + " path on each machine, so it is not listed; its plugins reach Claude Code through mp's installed"
            + " marketplace");
        continue;
      }
      if (registry.marketplaceName() == null) {
        notes.add("registry `" + spec.name() + "` is not a Claude Code marketplace (or was never fetched: run `mp"
            + " registry sync`), so Claude Code cannot add it and it is not listed");
        continue;
      }
      if (deniesOutright(engine.policy(), spec.name())) {
        sources(spec.url().trim()).forEach(blocked::add);
        continue;
      }
      sources(spec.url().trim()).forEach(allowed::add);
      int undecided = 0;
      for (PluginEntry entry : registry.entries()) {
        Release latest = entry.latest();
        String fields = latest.details().entryFields();
        PluginFacts facts = new PluginFacts(entry.name(), latest.version(), spec.name(), entry.trustScore(),
            latest.signedClaim() && spec.keys().isEmpty() ? SignatureState.CLAIMED : SignatureState.UNSIGNED,
            fields == null ? null : CapabilityDetector.ofEntry(fields), null);
        Decision decision = engine.evaluate(facts);
        if (!decision.allowed()) {
          disabled.put(entry.name() + "@" + registry.marketplaceName(), false);
        } else if (dependsOnFiles(decision)) {
          undecided++;
        }
      }
      if (undecided > 0) {
        notes.add(undecided + " plugin(s) of `" + spec.name() + "` are allowed on what the marketplace declares,"
            + " but a rule on capabilities or content may deny them once their files are known (mp judges the"
            + " files at install; Claude Code cannot be told)");
      }
    }
    ObjectNode project = allowed.addObject();
    project.put("source", "pathPattern");
    project.put("pathPattern", "(^|/)" + regexQuote(installDir) + "/?$");
    ObjectNode enabled = settings.putObject("enabledPlugins");
    disabled.forEach(enabled::put);
    return new Export(settings, notes);
  }

  /** Claude Code's marketplace sources for a registry URL: {@code url}, and {@code github} for a raw GitHub file. */
  static List<ObjectNode> sources(String url) {
    List<ObjectNode> sources = new ArrayList<>();
    Matcher github = RAW_GITHUB.matcher(url);
    if (github.matches()) {
      ObjectNode repo = Json.object();
      repo.put("source", "github");
      repo.put("repo", github.group(1) + "/" + github.group(2));
      sources.add(repo);
    }
    ObjectNode direct = Json.object();
    direct.put("source", "url");
    direct.put("url", URI.create(url).toString());
    sources.add(direct);
    return sources;
  }

  /** True when a rule skipped for lack of files might decide otherwise once the files are known. */
  private static boolean dependsOnFiles(Decision decision) {
    return decision.trace().stream().anyMatch(t -> t.rule().action() == Action.DENY
        && ((t.outcome() == RuleTrace.Outcome.CAPABILITIES) || t.outcome() == RuleTrace.Outcome.CONTENT));
  }

  /**
   * True when every plugin of {@code registry} is denied by a rule that asks nothing but the registry
   * ({@code deny ["*"] source: R}) and no rule tried before it could let one through.
   */
  static boolean deniesOutright(Policy policy, String registry) {
    for (InheritedPolicy inherited : policy.inherited()) {
      if (denyAllFirst(inherited.rules(), registry)) {
        return true;
      }
    }
    return denyAllFirst(policy.rules(), registry);
  }

  private static boolean denyAllFirst(List<Rule> rules, String registry) {
    for (Rule rule : rules) {
      boolean applies = rule.source() == null || rule.source().equals(registry);
      if (!applies) {
        continue;
      }
      boolean all = rule.plugins().stream().map(Glob::pattern).anyMatch("*"::equals);
      boolean unconditional = rule.versions() == null && rule.unless() == null && rule.capabilities() == null
          && rule.content() == null;
      if (rule.action() == Action.DENY && all && unconditional) {
        return true;
      }
      if (rule.action().permits()) {
        return false;
      }
    }
    return false;
  }

  /** {@code text} as a regular expression matching itself ({@code .claude/plugins} → {@code \\.claude/plugins}). */
  static String regexQuote(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (".\\+*?[]^$(){}|".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
