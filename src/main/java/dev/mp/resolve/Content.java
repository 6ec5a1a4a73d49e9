package dev.mp.resolve;

import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import java.util.Locale;

/**
 * Whether two releases are the same content. Integrity decides when both sides give one. When one
 * side does not (marketplace git and URL sources: known only after fetching), the packages are the
 * same only if they are provably the same thing: the same folder, the same git repository at the
 * same commit sha and subfolder, or the same archive location with the same archive integrity.
 * Anything else is {@link #UNVERIFIABLE}, which counts as a conflict: mp never assumes two unknown
 * packages agree.
 */
enum Content {
  SAME, DIFFERENT, UNVERIFIABLE;

  static Content compare(Release a, Release b) {
    if (a.integrity() != null && b.integrity() != null) {
      return a.integrity().equals(b.integrity()) ? SAME : DIFFERENT;
    }
    return samePackage(a, b) ? SAME : UNVERIFIABLE;
  }

  private static boolean samePackage(Release a, Release b) {
    PackageSource x = a.source();
    PackageSource y = b.source();
    if (x instanceof PackageSource.Folder && y instanceof PackageSource.Folder) {
      return ((PackageSource.Folder) x).path().equals(((PackageSource.Folder) y).path());
    }
    if (x instanceof PackageSource.Git && y instanceof PackageSource.Git) {
      PackageSource.Git g = (PackageSource.Git) x;
      PackageSource.Git h = (PackageSource.Git) y;
      return g.sha() != null && h.sha() != null && g.sha().equalsIgnoreCase(h.sha())
          && repository(g.url()).equals(repository(h.url())) && subdir(g.subdir()).equals(subdir(h.subdir()));
    }
    if (x instanceof PackageSource.Npm m && y instanceof PackageSource.Npm n) {
      // The same package and spec from the same npm registry: the registry, not the listing, holds the content.
      return m.name().equals(n.name()) && m.spec().equals(n.spec()) && m.registryUrl().equals(n.registryUrl())
          && java.util.Objects.equals(m.version(), n.version());
    }
    if (x instanceof PackageSource.Archive && y instanceof PackageSource.Archive) {
      return ((PackageSource.Archive) x).location().equals(((PackageSource.Archive) y).location())
          && a.archiveIntegrity() != null && a.archiveIntegrity().equals(b.archiveIntegrity());
    }
    return false;
  }

  /** {@code https://github.com/o/r.git}, {@code https://github.com/o/r/} and {@code https://GitHub.com/o/r} are one repository. */
  private static String repository(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    int scheme = u.indexOf("://");
    int hostEnd = scheme < 0 ? -1 : u.indexOf('/', scheme + 3);
    return hostEnd < 0 ? u.toLowerCase(Locale.ROOT) : u.substring(0, hostEnd).toLowerCase(Locale.ROOT) + u.substring(hostEnd);
  }

  private static String subdir(String subdir) {
    if (subdir == null) {
      return "";
    }
    String s = subdir.trim();
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals(".") ? "" : s;
  }
}
