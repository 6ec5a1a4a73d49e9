package dev.mp.cli;

import dev.mp.MpException;
import dev.mp.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** The interactive terminal: questions on stderr, answers from stdin. */
final class ConsoleTerminal implements Terminal {
  private static final int ATTEMPTS = 3;

  private final BufferedReader in;
  private final PrintWriter err;

  ConsoleTerminal(BufferedReader in, PrintWriter err) {
    this.in = in;
    this.err = err;
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public int choose(String question, List<String> choices) {
    err.println(question);
    for (int i = 0; i < choices.size(); i++) {
      err.println("  " + (i + 1) + ") " + choices.get(i));
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      err.print("Choose 1-" + choices.size() + ": ");
      err.flush();
      String answer;
      try {
        answer = in.readLine();
      } catch (IOException e) {
        throw MpException.io("cannot read the answer", e);
      }
      if (answer == null) {
        break;
      }
      try {
        int picked = Integer.parseInt(answer.trim());
        if (picked >= 1 && picked <= choices.size()) {
          return picked - 1;
        }
      } catch (NumberFormatException e) {
        // Ask again.
      }
    }
    throw MpException.usage("no valid choice was made", "answer with a number from the list");
  }
}
