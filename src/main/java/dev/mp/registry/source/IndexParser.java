package dev.mp.registry.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.io.Json;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.PluginNames;
import dev.mp.registry.Release;
import dev.mp.registry.ReleaseDetails;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Streams the seed's registry index (DESIGN.md §2) into {@link PluginEntry} records, one entry at a
 * time: the document is never held as a tree, so a 30 MB index costs one pass and little memory.
 * The top-level fields of an entry are its latest release; {@code releases} adds older ones, which
 * share the entry's description and trust score and carry their own {@code signed} claim and {@code
 * yanked} state ({@code "yanked": true}, {@code "yankedReason"}: cargo's semantics). An entry
 * with an invalid name, integrity or trust score is reported and left out; an odd optional field is
 * reported and ignored. Stateless.
 */
public final class IndexParser {
  /** The highest index {@code version} this parser knows. */
  public static final int KNOWN_VERSION = 1;

  /**
   * What the document said besides its plugins.
   *
   * @param version the index format {@code version}, or null
   * @param updatedAt {@code updatedAt}, or null
   * @param serial {@code serial} (signed indexes), or null
   * @param expires {@code expires} (signed indexes), or null
   * @param plugins plugins accepted by the sink
   */
  public record Summary(Integer version, String updatedAt, Long serial, String expires, int plugins) {}

  private IndexParser() {}

  /**
   * Parses an index, handing each usable plugin to {@code sink} (which returns false for a name it
   * already has: reported as a duplicate).
   *
   * @param label how the document is named in messages
   * @throws MpException {@code INDEX_INVALID} when the document is malformed or has no {@code plugins}
   *     object, {@code IO_ERROR} when it cannot be read
   */
  public static Summary parse(
      InputStream in, String label, DocumentOrigin origin, ParseWarnings warnings, Predicate<PluginEntry> sink) {
    Integer version = null;
    String updatedAt = null;
    Long serial = null;
    String expires = null;
    int accepted = 0;
    boolean sawPlugins = false;
    try (JsonParser parser = Json.factory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MpException(ErrorCode.INDEX_INVALID, label + ": expected a JSON object with a `plugins` object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("plugins")) {
          if (value != JsonToken.START_OBJECT) {
            throw new MpException(ErrorCode.INDEX_INVALID,
                label + ":" + line(parser) + ": field `plugins`: expected an object of plugin name to entry");
          }
          accepted += plugins(parser, label, origin, warnings, sink);
          sawPlugins = true;
        } else if (field.equals("version") && value == JsonToken.VALUE_NUMBER_INT) {
          version = parser.getIntValue();
        } else if (field.equals("serial") && value == JsonToken.VALUE_NUMBER_INT) {
          serial = parser.getLongValue();
        } else if (field.equals("updatedAt") && value == JsonToken.VALUE_STRING) {
          updatedAt = parser.getText();
        } else if (field.equals("expires") && value == JsonToken.VALUE_STRING) {
          expires = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new MpException(ErrorCode.INDEX_INVALID, label + ":" + line(parser) + ": unexpected content after the index");
      }
    } catch (JsonProcessingException e) {
      throw malformed(label, e);
    } catch (IOException e) {
      throw MpException.io("failed to read `" + label + "`", e);
    }
    if (!sawPlugins) {
      throw new MpException(ErrorCode.INDEX_INVALID, label + ": no `plugins` object",
          "a registry index maps plugin names to entries: {\"plugins\": {\"name\": {...}}}");
    }
    if (version != null && version > KNOWN_VERSION) {
      warnings.at(label, "index format version " + version + " is newer than this mp knows (" + KNOWN_VERSION
          + "); fields it does not know are ignored");
    }
    return new Summary(version, updatedAt, serial, expires, accepted);
  }

  static MpException malformed(String label, JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return new MpException(ErrorCode.INDEX_INVALID, label + ": document too large or too deeply nested: "
          + e.getOriginalMessage());
    }
    JsonLocation where = e.getLocation();
    String at = where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr();
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
    return new MpException(ErrorCode.INDEX_INVALID, label + at + ": malformed JSON: " + message,
        "the document must be fixed where it is published (file or server); until then the cached copy, if any, is used");
  }

  private static int plugins(JsonParser parser, String label, DocumentOrigin origin, ParseWarnings warnings,
      Predicate<PluginEntry> sink) throws IOException {
    DocumentOrigin.Resolver resolver = origin.resolver();
    int accepted = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line(parser);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        warnings.plugin(label + ":" + line, key, "expected an object; skipped");
        parser.skipChildren();
        continue;
      }
      IndexFields fields = new IndexFields(null, "");
      fields.read(parser, true);
      PluginEntry entry = entry(key, fields, resolver, warnings, label, line);
      if (entry == null) {
        continue;
      }
      if (sink.test(entry)) {
        accepted++;
      } else {
        warnings.plugin(label + ":" + line, key, "listed more than once; the first entry is kept");
      }
    }
    return accepted;
  }

  private static PluginEntry entry(String key, IndexFields fields, DocumentOrigin.Resolver origin, ParseWarnings warnings,
      String label, int line) {
    if (!PluginNames.isListed(key)) {
      warnings.at(label + ":" + line, PluginNames.listProblem(key) + "; skipped");
      return null;
    }
    List<String> problems = new ArrayList<>(fields.problems);
    if (fields.name != null && !fields.name.equals(key)) {
      problems.add("field `name` (`" + fields.name + "`) differs from its key; the key is used");
    }
    Integer trustScore = fields.trustScore;
    if (trustScore != null && (trustScore < 0 || trustScore > 100)) {
      problems.add("field `trustScore`: expected 0 to 100, found " + trustScore + "; ignored");
      trustScore = null;
    }
    Release latest = release(fields, fields.version, origin, problems, "");
    if (latest == null) {
      markLast(problems, "; skipped");
      problems.forEach(problem -> warnings.plugin(label + ":" + line, key, problem));
      return null;
    }
    List<Release> releases = new ArrayList<>(1 + fields.releases.size());
    releases.add(latest);
    for (IndexFields older : fields.releases) {
      if (older.version.equals(latest.version()) || releases.stream().anyMatch(r -> r.version().equals(older.version))) {
        continue;
      }
      List<String> releaseProblems = new ArrayList<>(older.problems);
      Release release = release(older, older.version, origin, releaseProblems, "releases." + older.version + ".");
      if (release == null) {
        markLast(releaseProblems, "; release `" + older.version + "` left out");
      } else {
        releases.add(release);
      }
      problems.addAll(releaseProblems);
    }
    problems.forEach(problem -> warnings.plugin(label + ":" + line, key, problem));
    return new PluginEntry(key, fields.description, trustScore, releases);
  }

  /**
   * {@code sha512-} and 88 characters of base64 ending in {@code ==}: the shape of a SHA-512 SRI. The
   * content is not decoded here (it runs for every release of every index); a value that is not base64
   * can never match the content, which the installer checks before anything is placed.
   */
  static boolean isSha512(String text) {
    return text.length() == 95 && text.startsWith("sha512-") && text.endsWith("==") && text.indexOf(' ') < 0;
  }

  private static void markLast(List<String> problems, String suffix) {
    problems.set(problems.size() - 1, problems.get(problems.size() - 1) + suffix);
  }

  /** A release from its fields, or null when they are unusable (reasons added to {@code problems}). */
  private static Release release(IndexFields fields, String version, DocumentOrigin.Resolver origin, List<String> problems,
      String at) {
    String effective = version == null ? "0.0.0" : version.trim();
    if (effective.isEmpty()) {
      problems.add("field `" + at + "version`: empty");
      return null;
    }
    if (fields.integrity != null && !isSha512(fields.integrity)) {
      problems.add("field `" + at + "integrity`: not a valid `sha512-<base64>` value");
      return null;
    }
    if (fields.archiveIntegrity != null && !Integrity.isValid(fields.archiveIntegrity)) {
      problems.add("field `" + at + "archiveIntegrity`: not a valid SRI value");
      return null;
    }
    java.util.function.Consumer<String> report =
        at.isEmpty() ? problems::add : problem -> problems.add("release `" + effective + "`: " + problem);
    PackageSource source = origin.resolve(fields.resolved, report);
    List<DependencySpec> dependencies = Dependencies.parse(fields.dependencies, null, report);
    String archiveIntegrity = fields.archiveIntegrity;
    if (archiveIntegrity == null && source instanceof PackageSource.Archive && fields.resolved.isObject()
        && dev.mp.registry.ClaudeVersions.isSha256Hex(SourceObjects.text(fields.resolved, "sha256"))) {
      archiveIntegrity = dev.mp.registry.ClaudeVersions.sha256Integrity(SourceObjects.text(fields.resolved, "sha256"));
    }
    ReleaseDetails details = Boolean.TRUE.equals(fields.yanked)
        ? ReleaseDetails.NONE.withYanked(true, fields.yankedReason) : ReleaseDetails.NONE;
    return new Release(effective, fields.integrity, archiveIntegrity, source, dependencies,
        Boolean.TRUE.equals(fields.signed), fields.signature, details);
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
