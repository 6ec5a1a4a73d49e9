package dev.mp.publish;

import dev.mp.MpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per source on one thread per processor and returns the results in the sources' order.
 * When tasks fail, the error of the first failing source in that order is thrown (after every task has
 * stopped), so the message does not depend on thread timing.
 */
final class Sources {
  private Sources() {}

  static <T> List<T> prepareAll(List<BuildRequest.Source> sources, Function<BuildRequest.Source, T> task) {
    if (sources.size() <= 1) {
      return sources.stream().map(task).toList();
    }
    int threads = Math.min(sources.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "mp-publish");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(sources.size());
      for (BuildRequest.Source source : sources) {
        futures.add(pool.submit(() -> task.apply(source)));
      }
      List<T> results = new ArrayList<>(sources.size());
      RuntimeException first = null;
      for (Future<T> future : futures) {
        try {
          T result = future.get();
          if (first == null) {
            results.add(result);
          }
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException runtime ? runtime
                : new IllegalStateException(e.getCause());
            futures.forEach(f -> f.cancel(false));
          }
        } catch (java.util.concurrent.CancellationException cancelled) {
          // Skipped after an earlier source failed.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MpException(dev.mp.ErrorCode.INTERNAL_ERROR, "interrupted while reading sources");
        }
      }
      if (first != null) {
        throw first;
      }
      return results;
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
