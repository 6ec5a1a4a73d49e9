package dev.mp.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

/** {@code meta.json} times read by hand mean what {@code Instant.parse} makes of them. */
class CacheMetaProperties {
  @Test
  void readsWhatInstantWrites() {
    Property.forAll(2000, gen -> {
      long seconds = gen.between(-62_135_596_800L, 253_402_300_799L);
      int nanos = gen.between(0, 999_999_999);
      int precision = gen.between(0, 3);
      int[] scale = {1, 1_000_000, 1_000, 1_000_000_000};
      Instant instant = Instant.ofEpochSecond(seconds, nanos / scale[precision] * scale[precision]);
      assertThat(CacheMeta.instant(instant.toString())).as(instant.toString())
          .isEqualTo(instant).isEqualTo(Instant.parse(instant.toString()));
    });
  }

  @Test
  void behavesLikeInstantParseOnOtherForms() {
    for (String text : new String[] {"2026-01-01T00:00:00.5Z", "+10000-01-01T00:00:00Z", "2026-06-30T23:59:60Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z", "", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01 00:00:00Z", "2026-01-01T00:00:00", "2026-0a-01T00:00:00Z", "2026-01-01T00:00:00.1234567890Z"}) {
      Instant expected;
      try {
        expected = Instant.parse(text);
      } catch (DateTimeParseException e) {
        assertThatThrownBy(() -> CacheMeta.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        continue;
      }
      assertThat(CacheMeta.instant(text)).as(text).isEqualTo(expected);
    }
  }
}
