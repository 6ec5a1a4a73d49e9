package dev.mp.sign;

import dev.mp.MpException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lifetimes as people write them on the command line: {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w}. */
public final class Lifetimes {
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([smhdw])");

  private Lifetimes() {}

  /**
   * Parses a positive lifetime: a number and a unit, {@code s}, {@code m}, {@code h}, {@code d} or
   * {@code w}.
   *
   * @param option how the value is named in errors, e.g. {@code --expires}
   * @throws MpException {@code USAGE_ERROR} naming the option and the value
   */
  public static Duration parse(String text, String option) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw MpException.usage("`" + option + " " + text + "`: expected a lifetime such as `30d`, `12h` or `90m`",
          "units: s (seconds), m (minutes), h (hours), d (days), w (weeks)");
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return Duration.ofDays(7 * amount);
    }
  }
}
