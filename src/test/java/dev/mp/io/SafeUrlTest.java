package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeUrlTest {
  @Test
  void hidesUserInfoAndSecretQueryValues() {
    assertThat(SafeUrl.redact("https://alice:s3cret@host.dev/index.json")).isEqualTo("https://***@host.dev/index.json");
    assertThat(SafeUrl.redact("https://host.dev/i.json?token=abc&page=2&X-Amz-Signature=zz#top"))
        .isEqualTo("https://host.dev/i.json?token=***&page=2&X-Amz-Signature=***#top");
    assertThat(SafeUrl.redact("./plugins")).isEqualTo("./plugins");
    assertThat(SafeUrl.redact("https://host.dev/a@b")).isEqualTo("https://host.dev/a@b");
  }

  @Test
  void detectsUserInfoEvenInUrlsTheParserRefuses() {
    assertThat(SafeUrl.hasUserInfo("https://u:p@host.dev/x")).isTrue();
    assertThat(SafeUrl.hasUserInfo("https://u:p a@host.dev/x")).isTrue();
    assertThat(SafeUrl.hasUserInfo("https://host.dev/u@x")).isFalse();
    assertThat(SafeUrl.hasUserInfo("./a@b")).isFalse();
  }
}
