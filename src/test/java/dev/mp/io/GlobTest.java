package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "`{0}` vs `{1}` → {2}")
  @CsvSource({
    "*, anything, true",
    "*, '', true",
    "*-backdoor, evil-backdoor, true",
    "*-backdoor, -backdoor, true",
    "*-backdoor, backdoor, false",
    "*-backdoor, evil-backdoor-2, false",
    "*keylogger*, keylogger, true",
    "*keylogger*, my-keylogger-pro, true",
    "tool-?, tool-a, true",
    "tool-?, tool-, false",
    "tool-?, tool-ab, false",
    "a*b*c, abc, true",
    "a*b*c, axxbyyc, true",
    "a*b*c, axxbyy, false",
    "a*b*c, acb, false",
    "gamma, gamma, true",
    "gamma, Gamma, false",
    "gamma, gammas, false",
    "g.mma, gamma, false",
    "[ab], a, false",
    "[ab], [ab], true",
    "?, é, true",
    "?, 😀, true",
    "**, x, true",
  })
  void matchesTheWholeNameWithStarAndQuestionMark(String pattern, String name, boolean expected) {
    assertThat(Glob.of(pattern).matches(name)).isEqualTo(expected);
  }

  @Test
  void namesExactlyOnlyWithoutWildcards() {
    assertThat(Glob.of("gamma").namesExactly("gamma")).isTrue();
    assertThat(Glob.of("gamma").namesExactly("gamm")).isFalse();
    assertThat(Glob.of("gamm?").namesExactly("gamma")).isFalse();
    assertThat(Glob.of("gamma*").namesExactly("gamma")).isFalse();
  }

  @Test
  void refusesAnEmptyPattern() {
    assertThatThrownBy(() -> Glob.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesALongNameAgainstManyStarsQuickly() {
    String name = "a".repeat(5_000);
    long start = System.nanoTime();
    assertThat(Glob.of("*a*a*a*a*a*a*a*b").matches(name)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
