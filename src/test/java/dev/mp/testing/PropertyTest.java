package dev.mp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The property runner and its generator: reproducible, and edge cases really come up. */
class PropertyTest {
  @Test
  void runsTheBodyExactlyTheGivenNumberOfTimes() {
    List<Long> seeds = new ArrayList<>();
    Property.forAll(42L, 137, gen -> seeds.add(gen.seed()));
    assertThat(seeds).hasSize(137).doesNotHaveDuplicates();
  }

  @Test
  void theSameSeedGivesTheSameValuesAndAFailureNamesItsSeed() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Property.forAll(7L, 50, gen -> first.add(gen.anyString(0, 20) + gen.anyInt() + gen.list(0, 4, gen::anyLong)));
    Property.forAll(7L, 50, gen -> second.add(gen.anyString(0, 20) + gen.anyInt() + gen.list(0, 4, gen::anyLong)));
    assertThat(second).isEqualTo(first);

    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(() -> Property.forAll(-99L, 100, gen -> {
      int value = gen.between(0, 1000);
      seen.add(value);
      assertThat(value).isLessThan(900);
    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with seed -99")
        .hasMessageContaining("-Dmp.seed=-99");
    List<Integer> replay = new ArrayList<>();
    assertThatThrownBy(() -> Property.forAll(Property.seed(" -99 "), 100, gen -> {
      int value = gen.between(0, 1000);
      replay.add(value);
      assertThat(value).isLessThan(900);
    })).isInstanceOf(AssertionError.class);
    assertThat(replay).isEqualTo(seen);
  }

  @Test
  void withoutASeedPropertyEachRunDrawsAFreshSeed() {
    assertThat(Property.seed(null)).isNotEqualTo(Property.seed(""));
  }

  @Test
  void edgeCasesComeUpOften() {
    Gen gen = Gen.seeded(1);
    Set<Integer> ints = new HashSet<>();
    Set<Integer> lengths = new HashSet<>();
    boolean nonBmp = false;
    boolean nul = false;
    boolean loneSurrogate = false;
    for (int i = 0; i < 2000; i++) {
      ints.add(gen.anyInt());
      String text = gen.anyString(0, 30);
      lengths.add(text.length());
      nonBmp |= text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
      nul |= text.indexOf('\u0000') >= 0;
      assertThat(Gen.wellFormed(text)).as(text).isTrue();
      loneSurrogate |= !Gen.wellFormed(gen.utf16String(1, 30));
    }
    assertThat(ints).contains(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(lengths).contains(0, 30);
    assertThat(nonBmp).isTrue();
    assertThat(nul).isTrue();
    assertThat(loneSurrogate).isTrue();
    assertThat(gen.list(0, 0, gen::anyInt)).isEmpty();
  }

  @Test
  void uniqueListsHaveDistinctKeys() {
    Property.forAll(3L, 200, gen -> {
      List<String> list = gen.uniqueList(1, 5, s -> s.charAt(0), () -> gen.string("abcde", 1, 3));
      assertThat(list).extracting(s -> s.charAt(0)).doesNotHaveDuplicates();
      assertThat(list.size()).isBetween(1, 5);
    });
  }
}
