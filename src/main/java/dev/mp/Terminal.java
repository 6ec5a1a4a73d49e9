package dev.mp;

import java.util.List;

/**
 * The user at an interactive terminal, for the few decisions mp may ask about (the {@code prompt}
 * conflict strategy). Library code asks only when {@link #interactive()} is true.
 */
public interface Terminal {
  /** True when a person can answer questions. */
  boolean interactive();

  /**
   * Asks the user to pick one of {@code choices}; returns its index.
   *
   * @throws MpException {@link ErrorCode#USAGE_ERROR} when the user gives no valid answer
   */
  int choose(String question, List<String> choices);

  /** No terminal: nothing is ever asked. */
  Terminal NONE =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public int choose(String question, List<String> choices) {
          throw new IllegalStateException("no terminal to ask: " + question);
        }
      };
}
