package dev.mp.resolve;

import dev.mp.io.CanonicalJson;
import dev.mp.io.SafeUrl;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import java.nio.file.Path;

/**
 * The {@code --json} form of a {@link Resolution}: {@code plugins}, {@code conflicts} and (with
 * {@code --explain}) {@code trace}, each object written in a fixed member order with every member
 * present ({@code null} when unknown), so the document is stable for scripts and golden tests. It is
 * streamed ({@link CanonicalJson.Stream}), not built as a tree: for thousands of plugins the tree's
 * nodes and maps cost more than the text. Locations are shown as the lockfile writes them
 * ({@code ./plugins/x}, URLs without credentials). The resolution's warnings are left to the caller,
 * which reports them with its other warnings (the command line's {@code Output} adds every warning of
 * the run to the document as {@code warnings}).
 */
public final class ResolutionJson {
  private ResolutionJson() {}

  /** Members a caller adds at the end of each plugin's object (the command line adds its policy decision). */
  @FunctionalInterface
  public interface PluginMembers {
    PluginMembers NONE = (plugin, out) -> { };

    void write(ResolvedPlugin plugin, CanonicalJson.Stream out);
  }

  /**
   * The document as text, as {@code mp --json resolve} prints it without warnings (for tests and
   * small results).
   *
   * @param projectRoot paths inside it are shown relative to it
   */
  public static String text(Resolution resolution, Path projectRoot) {
    java.io.StringWriter text = new java.io.StringWriter();
    CanonicalJson.Stream out = new CanonicalJson.Stream(text);
    out.beginObject();
    write(resolution, projectRoot, PluginMembers.NONE, out);
    try {
      out.endObject().finish();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Streams the members {@code plugins}, {@code conflicts} and (with {@code --explain}) {@code trace}
   * into the open object of {@code out}: a resolution of thousands of plugins is written without a
   * tree of them (which cost more than the text).
   *
   * @param projectRoot paths inside it are shown relative to it
   */
  public static void write(Resolution resolution, Path projectRoot, PluginMembers extra, CanonicalJson.Stream out) {
    out.name("plugins").beginArray();
    for (ResolvedPlugin plugin : resolution.plugins()) {
      out.beginObject();
      plugin(plugin, projectRoot, out);
      extra.write(plugin, out);
      out.endObject();
    }
    out.endArray();
    out.name("conflicts").beginArray();
    for (Conflict conflict : resolution.conflicts()) {
      conflict(conflict, projectRoot, out);
    }
    out.endArray();
    if (resolution.trace() != null) {
      out.name("trace");
      trace(resolution.trace(), projectRoot, out);
    }
  }

  private static void plugin(ResolvedPlugin plugin, Path projectRoot, CanonicalJson.Stream out) {
    out.name("name").value(plugin.name());
    out.name("version").value(plugin.version());
    out.name("registry").value(plugin.registry());
    out.name("integrity").value(plugin.integrity());
    out.name("archiveIntegrity").value(plugin.release().archiveIntegrity());
    out.name("resolved").value(resolved(plugin.source(), projectRoot));
    out.name("sourceKind").value(plugin.source().kind());
    out.name("installable").value(!(plugin.source() instanceof PackageSource.Unsupported));
    out.name("signed").value(plugin.signature().wire());
    if (plugin.trustScore() == null) {
      out.name("trustScore").nullValue();
    } else {
      out.name("trustScore").value(plugin.trustScore());
    }
    out.name("reason").value(plugin.reason().wire());
    out.name("requested").value(plugin.requested());
    out.name("requiredBy").beginArray();
    for (String by : plugin.requiredBy()) {
      out.value(by);
    }
    out.endArray();
    out.name("dependencies").beginArray();
    for (DependencySpec dependency : plugin.dependencies()) {
      out.beginObject();
      out.name("name").value(dependency.name());
      out.name("range").value(dependency.range());
      out.name("registry").value(dependency.registryFor(plugin.registry()));
      out.endObject();
    }
    out.endArray();
    out.name("constraints").beginArray();
    for (Constraint constraint : plugin.constraints()) {
      constraint(constraint, out);
    }
    out.endArray();
    out.name("alternatives").beginArray();
    for (Offer offer : plugin.alternatives()) {
      out.beginObject();
      offer(offer, projectRoot, out);
      out.name("satisfies").value(offer.satisfies());
      out.endObject();
    }
    out.endArray();
  }

  private static void constraint(Constraint constraint, CanonicalJson.Stream out) {
    out.beginObject();
    out.name("range").value(constraint.range());
    out.name("requiredBy").value(constraint.requiredBy());
    out.name("requiredByVersion").value(constraint.requiredByVersion());
    out.name("registry").value(constraint.registry());
    out.endObject();
  }

  private static void offer(Offer offer, Path projectRoot, CanonicalJson.Stream out) {
    out.name("registry").value(offer.registry());
    out.name("priority").value(offer.priority());
    out.name("version").value(offer.version());
    out.name("integrity").value(offer.integrity());
    out.name("resolved").value(resolved(offer.source(), projectRoot));
  }

  private static void conflict(Conflict conflict, Path projectRoot, CanonicalJson.Stream out) {
    out.beginObject();
    out.name("plugin").value(conflict.plugin());
    out.name("unverifiable").value(conflict.unverifiable());
    out.name("strategy").value(conflict.strategy().wire());
    out.name("chosen").value(conflict.chosen());
    out.name("how").value(conflict.how() == null ? null : conflict.how().wire());
    out.name("sources").beginArray();
    for (Offer source : conflict.sources()) {
      out.beginObject();
      offer(source, projectRoot, out);
      out.endObject();
    }
    out.endArray();
    out.endObject();
  }

  private static void trace(Trace trace, Path projectRoot, CanonicalJson.Stream out) {
    out.beginObject();
    out.name("registries").beginArray();
    for (Trace.RegistryState state : trace.registries()) {
      out.beginObject();
      out.name("name").value(state.name());
      out.name("priority").value(state.priority());
      out.name("state").value(state.state().name().toLowerCase(java.util.Locale.ROOT));
      if (state.ageSeconds() == null) {
        out.name("ageSeconds").nullValue();
      } else {
        out.name("ageSeconds").value(state.ageSeconds());
      }
      out.name("problem").value(state.problem());
      out.endObject();
    }
    out.endArray();
    out.name("plugins").beginArray();
    for (Trace.PluginTrace plugin : trace.plugins()) {
      out.beginObject();
      out.name("plugin").value(plugin.plugin());
      out.name("version").value(plugin.version());
      out.name("winner").value(plugin.winner());
      out.name("reason").value(plugin.reason().wire());
      out.name("why").value(plugin.why());
      out.name("constraints").beginArray();
      for (Constraint constraint : plugin.constraints()) {
        constraint(constraint, out);
      }
      out.endArray();
      out.name("consulted").beginArray();
      for (Trace.Consultation consultation : plugin.consulted()) {
        out.beginObject();
        out.name("registry").value(consultation.registry());
        out.name("priority").value(consultation.priority());
        out.name("offering").value(consultation.offering().wire());
        out.name("version").value(consultation.version());
        out.name("integrity").value(consultation.integrity());
        out.name("detail").value(consultation.detail());
        out.endObject();
      }
      out.endArray();
      if (plugin.conflict() == null) {
        out.name("conflict").nullValue();
      } else {
        out.name("conflict");
        conflict(plugin.conflict(), projectRoot, out);
      }
      if (plugin.policy() == null) {
        out.name("policy").nullValue();
      } else {
        out.name("policy").beginObject();
        out.name("allowed").value(plugin.policy().allowed());
        out.name("summary").value(plugin.policy().summary());
        out.name("steps").beginArray();
        for (String step : plugin.policy().steps()) {
          out.value(step);
        }
        out.endArray();
        out.endObject();
      }
      out.endObject();
    }
    out.endArray();
    out.endObject();
  }

  static String resolved(PackageSource source, Path projectRoot) {
    return SafeUrl.redact(source.resolved(projectRoot));
  }
}
