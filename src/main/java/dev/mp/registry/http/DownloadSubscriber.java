package dev.mp.registry.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams a response body into a file, one buffer at a time, failing as soon as the body passes the
 * size limit (not after it has all arrived) or stalls longer than the read timeout. The stall check
 * runs on a scheduler, so a silent server cannot hold the caller forever.
 */
final class DownloadSubscriber implements HttpResponse.BodySubscriber<Long> {
  /** The body passed the size limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("larger than " + limit + " bytes");
    }
  }

  /** No byte arrived within the read timeout, or (when {@code total}) the body took too long in all. */
  static final class StalledException extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean total;

    StalledException(boolean total) {
      super(total ? "too slow" : "stalled");
      this.total = total;
    }
  }

  private final Path file;
  private final long limit;
  private final ScheduledExecutorService scheduler;
  private final long readTimeoutNanos;
  private final long totalTimeoutNanos;
  private final long started = System.nanoTime();
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private FileChannel channel;
  private Flow.Subscription subscription;
  private ScheduledFuture<?> watchdog;
  private long count;
  private volatile long lastProgress = System.nanoTime();

  DownloadSubscriber(Path file, long limit, ScheduledExecutorService scheduler, Duration readTimeout,
      Duration totalTimeout) {
    this.file = file;
    this.limit = limit;
    this.scheduler = scheduler;
    this.readTimeoutNanos = readTimeout.toNanos();
    this.totalTimeoutNanos = totalTimeout.toNanos();
  }

  /** Bytes received so far. */
  synchronized long count() {
    return count;
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription value) {
    subscription = value;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      fail(e);
      return;
    }
    long period = Math.max(10, Math.min(1000,
        TimeUnit.NANOSECONDS.toMillis(Math.min(readTimeoutNanos, totalTimeoutNanos)) / 4));
    watchdog = scheduler.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    value.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    lastProgress = System.nanoTime();
    try {
      for (ByteBuffer buffer : buffers) {
        count += buffer.remaining();
        if (count > limit) {
          throw new TooLargeException(limit);
        }
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    } catch (IOException e) {
      fail(e);
      return;
    }
    subscription.request(1);
  }

  @Override
  public synchronized void onError(Throwable error) {
    fail(error);
  }

  @Override
  public synchronized void onComplete() {
    if (result.isDone()) {
      return;
    }
    stopWatchdog();
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      result.completeExceptionally(e);
      return;
    }
    result.complete(count);
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  private void checkStall() {
    long now = System.nanoTime();
    if (now - lastProgress > readTimeoutNanos || now - started > totalTimeoutNanos) {
      synchronized (this) {
        fail(new StalledException(now - lastProgress <= readTimeoutNanos));
      }
    }
  }

  private void fail(Throwable error) {
    if (result.isDone()) {
      return;
    }
    stopWatchdog();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The download failed already; the partial file is deleted by the caller.
      }
    }
    if (subscription != null) {
      subscription.cancel();
    }
    result.completeExceptionally(error);
  }

  private void stopWatchdog() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
  }
}
