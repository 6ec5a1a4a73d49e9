package dev.mp.resolve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import java.nio.file.Path;

/**
 * The {@code --json} form of a {@link Resolution}: {@code plugins}, {@code conflicts} and (with
 * {@code --explain}) {@code trace}, each object built in a fixed field order with every field present
 * ({@code null} when unknown), so the document is stable for scripts and golden tests. Locations are
 * shown as the lockfile writes them ({@code ./plugins/x}, URLs without credentials). The resolution's
 * warnings are left to the caller, which reports them with its other warnings (the command line's
 * {@code Output.warn} adds every warning of the run to the document as {@code warnings}).
 */
public final class ResolutionJson {
  private ResolutionJson() {}

  /** @param projectRoot paths inside it are shown relative to it */
  public static ObjectNode of(Resolution resolution, Path projectRoot) {
    ObjectNode document = Json.object();
    ArrayNode plugins = document.putArray("plugins");
    for (ResolvedPlugin plugin : resolution.plugins()) {
      plugins.add(plugin(plugin, projectRoot));
    }
    ArrayNode conflicts = document.putArray("conflicts");
    for (Conflict conflict : resolution.conflicts()) {
      conflicts.add(conflict(conflict, projectRoot));
    }
    if (resolution.trace() != null) {
      document.set("trace", trace(resolution.trace(), projectRoot));
    }
    return document;
  }

  public static ObjectNode plugin(ResolvedPlugin plugin, Path projectRoot) {
    ObjectNode node = Json.object();
    node.put("name", plugin.name());
    node.put("version", plugin.version());
    node.put("registry", plugin.registry());
    node.put("integrity", plugin.integrity());
    node.put("archiveIntegrity", plugin.release().archiveIntegrity());
    node.put("resolved", resolved(plugin.source(), projectRoot));
    node.put("sourceKind", plugin.source().kind());
    node.put("installable", !(plugin.source() instanceof PackageSource.Unsupported));
    node.put("signed", plugin.signature().wire());
    if (plugin.trustScore() == null) {
      node.putNull("trustScore");
    } else {
      node.put("trustScore", plugin.trustScore());
    }
    node.put("reason", plugin.reason().wire());
    node.put("requested", plugin.requested());
    ArrayNode requiredBy = node.putArray("requiredBy");
    plugin.requiredBy().forEach(requiredBy::add);
    ArrayNode dependencies = node.putArray("dependencies");
    for (DependencySpec dependency : plugin.dependencies()) {
      ObjectNode d = dependencies.addObject();
      d.put("name", dependency.name());
      d.put("range", dependency.range());
      d.put("registry", dependency.registryFor(plugin.registry()));
    }
    ArrayNode constraints = node.putArray("constraints");
    plugin.constraints().forEach(c -> constraints.add(constraint(c)));
    ArrayNode alternatives = node.putArray("alternatives");
    for (Offer offer : plugin.alternatives()) {
      alternatives.add(offer(offer, projectRoot).put("satisfies", offer.satisfies()));
    }
    return node;
  }

  public static ObjectNode conflict(Conflict conflict, Path projectRoot) {
    ObjectNode node = Json.object();
    node.put("plugin", conflict.plugin());
    node.put("unverifiable", conflict.unverifiable());
    node.put("strategy", conflict.strategy().wire());
    node.put("chosen", conflict.chosen());
    node.put("how", conflict.how() == null ? null : conflict.how().wire());
    ArrayNode sources = node.putArray("sources");
    conflict.sources().forEach(source -> sources.add(offer(source, projectRoot)));
    return node;
  }

  private static ObjectNode trace(Trace trace, Path projectRoot) {
    ObjectNode node = Json.object();
    ArrayNode registries = node.putArray("registries");
    for (Trace.RegistryState state : trace.registries()) {
      ObjectNode r = registries.addObject();
      r.put("name", state.name());
      r.put("priority", state.priority());
      r.put("state", state.state().name().toLowerCase(java.util.Locale.ROOT));
      if (state.ageSeconds() == null) {
        r.putNull("ageSeconds");
      } else {
        r.put("ageSeconds", state.ageSeconds());
      }
      r.put("problem", state.problem());
    }
    ArrayNode plugins = node.putArray("plugins");
    for (Trace.PluginTrace plugin : trace.plugins()) {
      ObjectNode p = plugins.addObject();
      p.put("plugin", plugin.plugin());
      p.put("version", plugin.version());
      p.put("winner", plugin.winner());
      p.put("reason", plugin.reason().wire());
      p.put("why", plugin.why());
      ArrayNode constraints = p.putArray("constraints");
      plugin.constraints().forEach(c -> constraints.add(constraint(c)));
      ArrayNode consulted = p.putArray("consulted");
      for (Trace.Consultation consultation : plugin.consulted()) {
        ObjectNode c = consulted.addObject();
        c.put("registry", consultation.registry());
        c.put("priority", consultation.priority());
        c.put("offering", consultation.offering().wire());
        c.put("version", consultation.version());
        c.put("integrity", consultation.integrity());
        c.put("detail", consultation.detail());
      }
      if (plugin.conflict() == null) {
        p.putNull("conflict");
      } else {
        p.set("conflict", conflict(plugin.conflict(), projectRoot));
      }
      if (plugin.policy() == null) {
        p.putNull("policy");
      } else {
        ObjectNode policy = p.putObject("policy");
        policy.put("allowed", plugin.policy().allowed());
        policy.put("summary", plugin.policy().summary());
        ArrayNode steps = policy.putArray("steps");
        plugin.policy().steps().forEach(steps::add);
      }
    }
    return node;
  }

  private static ObjectNode constraint(Constraint constraint) {
    ObjectNode node = Json.object();
    node.put("range", constraint.range());
    node.put("requiredBy", constraint.requiredBy());
    node.put("requiredByVersion", constraint.requiredByVersion());
    node.put("registry", constraint.registry());
    return node;
  }

  private static ObjectNode offer(Offer offer, Path projectRoot) {
    ObjectNode node = Json.object();
    node.put("registry", offer.registry());
    node.put("priority", offer.priority());
    node.put("version", offer.version());
    node.put("integrity", offer.integrity());
    node.put("resolved", resolved(offer.source(), projectRoot));
    return node;
  }

  static String resolved(PackageSource source, Path projectRoot) {
    return SafeUrl.redact(source.resolved(projectRoot));
  }
}
