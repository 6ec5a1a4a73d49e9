package dev.mp.cli;

import dev.mp.MpException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns picocli's parse errors into mp's {@code USAGE_ERROR} with a hint (exit 2). */
final class UsageErrors {
  private UsageErrors() {}

  static MpException describe(ParameterException exception) {
    CommandSpec spec = exception.getCommandLine().getCommandSpec();
    String command = spec.qualifiedName(" ");
    String help = "run `" + command + " --help` for usage";
    if (exception instanceof UnmatchedArgumentException unmatched) {
      List<String> arguments = unmatched.getUnmatched();
      String first = arguments.isEmpty() ? "" : arguments.get(0);
      List<String> suggestions = unmatched.getSuggestions();
      String hint = suggestions.isEmpty() ? help : "did you mean `" + suggestions.get(0) + "`?\n" + help;
      if (unmatched.isUnknownOption()) {
        return MpException.usage("unknown option `" + first + "` for `" + command + "`", hint);
      }
      if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
        return MpException.usage("unknown command `" + first + "` for `" + command + "`", hint);
      }
      return MpException.usage("unexpected argument `" + first + "` for `" + command + "`", hint);
    }
    return MpException.usage(clean(exception.getMessage()), help);
  }

  /** picocli's messages end with a period; mp's single-sentence messages do not. */
  private static String clean(String message) {
    String trimmed = message.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? trimmed : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
  }

}
