package dev.mp.install;

import dev.mp.Context;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.Terminal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A separate JVM that installs plugins through {@code Federation.install(InstallPlan)}, for tests
 * that kill it or run two at once (and to build golden fixtures). Arguments: project, cache, then
 * {@code name=version=folder[=dependency,...]}.
 */
public final class InstallChild {
  private InstallChild() {}

  public static void main(String[] args) {
    Reporter stderr = new Reporter() {
      @Override
      public void warn(String message) {
        System.err.println("warning: " + message);
      }

      @Override
      public void info(String message) {
        System.err.println(message);
      }
    };
    Context context = new Context(Path.of(args[0]), Path.of(args[1]), false, Clock.systemUTC(), System.getenv(),
        stderr, Terminal.NONE);
    List<PlannedPlugin> plugins = new ArrayList<>();
    Map<String, String> requested = new TreeMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] parts = args[i].split("=", 4);
      String[] dependencies = parts.length > 3 ? parts[3].split(",") : new String[0];
      plugins.add(Packages.fromFolder(parts[0], parts[1], Path.of(parts[2]).toAbsolutePath(), null, dependencies));
      requested.put(parts[0], "*");
    }
    try {
      new Federation(context).install(InstallPlan.of(plugins, requested));
      System.err.println("installed " + String.join(",", requested.keySet()));
      System.exit(0);
    } catch (MpException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(e.exitCode());
    }
  }
}
