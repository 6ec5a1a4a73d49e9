package dev.mp.install;

import com.sun.net.httpserver.HttpServer;
import dev.mp.Context;
import dev.mp.Reporter;
import dev.mp.Terminal;
import dev.mp.registry.PackageSource;
import dev.mp.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Real packages for tests: plugin folders, tar.gz and zip archives, git repositories, an HTTP server. */
public final class Packages {
  private Packages() {}

  /** A plugin folder with a manifest, a command and an executable script. */
  public static Path plugin(Path dir, String name, String version, String... extraLines) {
    TestFiles.write(dir.resolve(".claude-plugin/plugin.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"description\": \"The " + name + " plugin\"}\n");
    TestFiles.write(dir.resolve("commands/" + name + ".md"), "# " + name + " " + version + "\n" + String.join("\n", extraLines));
    Path script = TestFiles.write(dir.resolve("scripts/run.sh"), "#!/bin/sh\necho " + name + "\n");
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** One entry of a hand-built archive. */
  public record Entry(String name, byte[] content, int mode, String link, char type) {
    public static Entry file(String name, String content) {
      return new Entry(name, content.getBytes(StandardCharsets.UTF_8), 0644, null, 'f');
    }

    public static Entry executable(String name, String content) {
      return new Entry(name, content.getBytes(StandardCharsets.UTF_8), 0755, null, 'f');
    }

    public static Entry dir(String name) {
      return new Entry(name, new byte[0], 0755, null, 'd');
    }

    public static Entry symlink(String name, String target) {
      return new Entry(name, new byte[0], 0777, target, 'l');
    }

    public static Entry hardlink(String name, String target) {
      return new Entry(name, new byte[0], 0644, target, 'h');
    }

    public static Entry device(String name) {
      return new Entry(name, new byte[0], 0644, null, 'c');
    }
  }

  /** The entries of a plugin folder, under {@code prefix} (e.g. {@code package/}). */
  public static List<Entry> entriesOf(Path folder, String prefix) {
    List<Entry> entries = new ArrayList<>();
    for (var ref : dev.mp.integrity.TreeHash.walk(folder)) {
      try {
        if (ref.attributes().isSymbolicLink()) {
          entries.add(Entry.symlink(prefix + ref.path(), Files.readSymbolicLink(ref.file()).toString()));
        } else {
          entries.add(new Entry(prefix + ref.path(), Files.readAllBytes(ref.file()), ref.executable() ? 0755 : 0644, null, 'f'));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return entries;
  }

  public static byte[] tgz(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry;
        switch (e.type()) {
          case 'l':
            entry = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(e.link());
            break;
          case 'h':
            entry = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_LINK);
            entry.setLinkName(e.link());
            break;
          case 'c':
            entry = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_CHR);
            break;
          case 'd':
            entry = new TarArchiveEntry(e.name().endsWith("/") ? e.name() : e.name() + "/");
            break;
          default:
            entry = new TarArchiveEntry(e.name(), true);
            entry.setSize(e.content().length);
        }
        entry.setMode(e.mode() | (e.type() == 'd' ? 040000 : e.type() == 'l' ? 0120000 : e.type() == 'c' ? 020000 : 0100000));
        tar.putArchiveEntry(entry);
        if (e.type() == 'f') {
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  public static byte[] zip(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Entry e : entries) {
        ZipArchiveEntry entry = new ZipArchiveEntry(e.type() == 'd' ? e.name() + "/" : e.name());
        int type = e.type() == 'l' ? 0120000 : e.type() == 'd' ? 040000 : e.type() == 'c' ? 020000 : 0100000;
        entry.setUnixMode(type | e.mode());
        zip.putArchiveEntry(entry);
        if (e.type() == 'l') {
          zip.write(e.link().getBytes(StandardCharsets.UTF_8));
        } else {
          zip.write(e.content());
        }
        zip.closeArchiveEntry();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  public static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git with a clean configuration; returns its stdout. */
  public static String git(Path dir, Path home, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", home.toString());
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("git " + args[0] + " failed: " + output);
      }
      return output.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes {@code dir} a git repository with everything in it committed; returns the commit. */
  public static String commitAll(Path dir, Path home, String message) {
    if (!Files.isDirectory(dir.resolve(".git"))) {
      git(dir, home, "init", "-q");
    }
    git(dir, home, "add", "-A");
    git(dir, home, "commit", "-q", "-m", message);
    return git(dir, home, "rev-parse", "HEAD");
  }

  /** A loopback HTTP server serving byte arrays by path, counting requests per path. */
  public static final class Server implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, String> accepts = new ConcurrentHashMap<>();
    private final Map<String, Integer> truncated = new ConcurrentHashMap<>();

    public Server() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
      server.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.put(path, auth == null ? "" : auth);
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        accepts.put(path, accept == null ? "" : accept);
        String redirect = redirects.get(path);
        byte[] body = files.get(path);
        if (redirect != null) {
          exchange.getResponseHeaders().add("Location", redirect);
          exchange.sendResponseHeaders(302, -1);
        } else if (body == null) {
          exchange.sendResponseHeaders(404, -1);
        } else if (truncated.containsKey(path)) {
          // Promises the whole body, sends only the start, then drops the connection.
          exchange.sendResponseHeaders(200, body.length);
          OutputStream out = exchange.getResponseBody();
          out.write(body, 0, truncated.get(path));
          out.flush();
          exchange.close();
          return;
        } else {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
        exchange.close();
      });
      server.start();
    }

    public String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public Server serve(String path, byte[] body) {
      files.put(path, body);
      return this;
    }

    /** Serves {@code body} at {@code path} but cuts the connection after {@code sent} bytes. */
    public Server truncate(String path, byte[] body, int sent) {
      files.put(path, body);
      truncated.put(path, sent);
      return this;
    }

    /** Stops serving {@code path} (404 from now on). */
    public Server remove(String path) {
      files.remove(path);
      truncated.remove(path);
      return this;
    }

    /** The Accept header of the last request to {@code path} ("" when none was sent). */
    public String accept(String path) {
      return accepts.get(path);
    }

    public Server redirect(String path, String location) {
      redirects.put(path, location);
      return this;
    }

    public int hits(String path) {
      AtomicInteger count = hits.get(path);
      return count == null ? 0 : count.get();
    }

    public int totalHits() {
      return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The Authorization header of the last request to {@code path} ("" when none was sent). */
    public String authorization(String path) {
      return authorizations.get(path);
    }

    @Override
    public void close() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** A context for library tests: the project, a cache, a fixed clock, this environment. */
  public static Context context(Path project, Path cache, Map<String, String> env, Reporter reporter) {
    Map<String, String> all = new HashMap<>(env);
    return new Context(project, cache, false, Clock.systemUTC(), all, reporter, Terminal.NONE);
  }

  /** A plugin to install from a folder. */
  public static PlannedPlugin fromFolder(String name, String version, Path folder, String integrity, String... dependencies) {
    return new PlannedPlugin(name, version, "local", "./plugins", new PackageSource.Folder(folder), integrity, null,
        List.of(dependencies), false, null, null);
  }

  /**
   * A plugin to install from an archive (a path or a URL) of registry {@code team}; for a URL the
   * registry is served from the same origin (the only one its credentials go to).
   */
  public static PlannedPlugin fromArchive(String name, String version, String location, String integrity,
      String archiveIntegrity, String... dependencies) {
    String registry = location.startsWith("http")
        ? java.net.URI.create(location).resolve("/index.json").toString() : "https://plugins.team.dev/index.json";
    return fromArchive(name, version, location, registry, integrity, archiveIntegrity, dependencies);
  }

  /** A plugin to install from an archive of registry {@code team} at {@code registryLocation}. */
  public static PlannedPlugin fromArchive(String name, String version, String location, String registryLocation,
      String integrity, String archiveIntegrity, String... dependencies) {
    return new PlannedPlugin(name, version, "team", registryLocation,
        new PackageSource.Archive(location), integrity, archiveIntegrity, List.of(dependencies), false, null, null);
  }
}
