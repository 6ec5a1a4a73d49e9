package dev.mp.policy;

import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.capability.CapabilityDetector;
import dev.mp.content.HiddenTextFinding;
import dev.mp.content.HiddenTextScanner;
import dev.mp.content.PluginScanner;
import dev.mp.content.ScanCache;
import dev.mp.registry.PluginNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What {@code mp policy enforce} reads from one installed plugin's folder: its capabilities and the
 * hidden text in its files and names (the plugin's own name and those of its components included).
 *
 * @param capabilities what the installed files declare
 * @param hiddenText findings, paths relative to the plugin folder, sorted
 */
public record InstalledFiles(Capabilities capabilities, List<HiddenTextFinding> hiddenText) {
  public InstalledFiles {
    hiddenText = List.copyOf(hiddenText);
  }

  /** The plugin folder {@code folder} of plugin {@code name}. @throws MpException {@code IO_ERROR} */
  public static InstalledFiles of(String name, Path folder) {
    return of(name, folder, ScanCache.NONE);
  }

  /** {@link #of(String, Path)}, files unchanged since the last scan answered from {@code cache}. */
  public static InstalledFiles of(String name, Path folder, ScanCache cache) {
    Capabilities capabilities = CapabilityDetector.ofFolder(folder, null);
    List<HiddenTextFinding> findings = new ArrayList<>(PluginScanner.scan(folder, cache, name));
    HiddenTextScanner.scanName(".claude-plugin/plugin.json", name, "plugin name").ifPresent(findings::add);
    capabilities.values().forEach((kind, names) -> names.forEach(component ->
        HiddenTextScanner.scanName("", component, kind.wire() + " name").ifPresent(findings::add)));
    findings.sort(HiddenTextFinding.ORDER);
    return new InstalledFiles(capabilities, findings);
  }

  /**
   * The plugins {@code names} under {@code installDir}, read on one thread per processor, files whose
   * stat is unchanged since the last scan answered from {@code cache} (which is saved afterwards).
   *
   * @throws MpException {@code IO_ERROR} when a plugin's files cannot be read
   */
  public static Map<String, InstalledFiles> read(Path installDir, Collection<String> names, ScanCache cache) {
    Map<String, InstalledFiles> read = new TreeMap<>();
    if (names.isEmpty()) {
      return read;
    }
    int threads = Math.max(1, Math.min(names.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "mp-scan");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<String, Future<InstalledFiles>> futures = new LinkedHashMap<>();
      for (String name : names) {
        futures.put(name, pool.submit(() -> of(name, installDir.resolve(PluginNames.folder(name)), cache)));
      }
      for (Map.Entry<String, Future<InstalledFiles>> future : futures.entrySet()) {
        read.put(future.getKey(), future.getValue().get());
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MpException.io("interrupted while reading installed plugins", e);
    } finally {
      pool.shutdownNow();
    }
    cache.save();
    return read;
  }
}
