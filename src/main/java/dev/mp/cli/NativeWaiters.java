package dev.mp.cli;

/**
 * Stops the JDK HTTP client's selector threads before the process exits.
 *
 * <p>Why: on exit the JVM waits up to 300 ms for any Java thread that is inside native code (JDK 17,
 * {@code VM_Exit::wait_for_threads_in_native_to_block}), and the selector thread of every {@code
 * HttpClient} always is, waiting in {@code epoll}; JDK 17's client cannot be closed. So every run
 * that used HTTP ({@code registry sync}, {@code install}, ...) ended 300 ms after its work was done.
 * The selector loop ends when its thread is interrupted, which is what this does, once all output has
 * been written. A thread that does not stop within 100 ms is left to the JVM as before.
 */
final class NativeWaiters {
  private NativeWaiters() {}

  static void stopHttpSelectors() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 8];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      String name = threads[i].getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        threads[i].interrupt();
        try {
          threads[i].join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
