package dev.mp.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the {@code ./mp} launcher's class-data archive: runs typical commands in-process
 * against a throw-away project so the JVM records the classes they load — registry commands, policy,
 * resolution, a folder install, lock check and generate, uninstall — and so the classes of every
 * common command are in the archive (a class outside it is read from the jar and verified at each
 * start). Prints nothing.
 */
public final class Training {
  private Training() {}

  private static void run(String[][] runs, Map<String, String> env) {
    for (String[] run : runs) {
      Invocation invocation = new Invocation(
          new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
          new BufferedReader(new StringReader("")), env, Clock.systemUTC(), false);
      Main.run(run, invocation);
    }
  }

  /** A loopback registry, so the archive holds the HTTP client's classes too. */
  private static HttpServer registryServer(Path project) throws IOException {
    Path plugin = project.resolve("plugins/lint/.claude-plugin/plugin.json");
    Files.createDirectories(plugin.getParent());
    Files.writeString(plugin, "{\"name\": \"lint\", \"version\": \"1.0.0\"}");
    byte[] body = ("{\"plugins\": {\"code-lint\": {\"version\": \"1.0.0\", \"description\": \"lint\","
        + " \"resolved\": \"code-lint-1.0.0.tgz\", \"dependencies\": [\"lint\"]}}}").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/index.json", exchange -> {
      exchange.getResponseHeaders().add("ETag", "\"1\"");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  public static void main(String[] args) throws IOException {
    Path project = Files.createTempDirectory("mp-training");
    try {
      Map<String, String> env = Map.of("HOME", project.toString(), "MP_CACHE_DIR", project.resolve("cache").toString());
      String dir = project.toString();
      HttpServer server = registryServer(project);
      String index = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.json";
      String[][] runs = {
        {"--help"},
        {"-C", dir, "registry", "list"},
        {"-C", dir, "--json", "registry", "list"},
        {"-C", dir, "registry", "add", "team", "./team", "--priority", "50"},
        {"-C", dir, "registry", "list"},
        {"-C", dir, "registry", "remove", "team"},
        {"-C", dir, "--json", "registry", "add", "Bad Name", "./x"},
        {"-C", dir, "no-such-command"},
        {"-C", dir, "policy", "list"},
        {"-C", dir, "policy", "check", "training", "--source", "local", "--explain"},
        {"-C", dir, "policy", "enforce", "--format", "sarif"},
      };
      // Registries on loopback and on disk only: training never touches the network.
      String[][] registryRuns = {
        {"-C", dir, "registry", "sync"},
        {"-C", dir, "--json", "registry", "sync"},
        {"-C", dir, "search", "lint"},
        {"-C", dir, "--json", "registry", "test", "team"},
        {"-C", dir, "resolve", "lint"},
        {"-C", dir, "--json", "resolve", "lint", "code-lint@^1", "format", "--explain"},
        {"-C", dir, "policy", "check", "code-lint"},
        {"-C", dir, "install", "lint"},
        {"-C", dir, "list"},
        {"-C", dir, "lock", "check"},
        {"-C", dir, "--json", "lock", "check"},
        {"-C", dir, "lock", "generate"},
        {"-C", dir, "policy", "enforce"},
        {"-C", dir, "uninstall", "lint"},
        {"-C", dir, "lock", "install"},
      };
      try {
        run(runs, env);
        Files.writeString(project.resolve("file-index.json"), "{\"plugins\": {\"format\": {\"version\": \"2.0.0\", "
            + "\"resolved\": \"format-2.0.0.tgz\", \"dependencies\": [\"lint@^1\"]}}}");
        Files.writeString(project.resolve(".claude/registries.json"), "{\"registries\": [{\"name\": \"local\", "
            + "\"url\": \"./plugins\", \"priority\": 100}, {\"name\": \"team\", \"url\": \"" + index + "\"}, "
            + "{\"name\": \"file\", \"url\": \"./file-index.json\", \"priority\": 10}]}");
        Files.createDirectories(project.resolve(".claude/policies"));
        Files.writeString(project.resolve(".claude/policies/plugins.yaml"), String.join("\n",
            "rules:",
            "  - action: deny",
            "    plugins: [\"*-backdoor\", \"evil?\"]",
            "    versions: \"<1.0.0 || 9.x\"",
            "    reason: \"known bad\"",
            "  - action: allow",
            "    plugins: [\"*\"]",
            "    source: team",
            "    unless: {trust_score: \"< 10\", signed: false}",
            "  - action: require",
            "    plugins: [\"lint\"]",
            ""));
        run(registryRuns, env);
      } finally {
        server.stop(0);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(project)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}
