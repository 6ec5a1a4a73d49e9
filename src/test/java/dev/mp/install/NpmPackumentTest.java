package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.MpException;
import dev.mp.io.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which version an npm spec picks: npm's and Claude Code's rules, on a hand-written packument. */
class NpmPackumentTest {
  private static final String SHA512 = "sha512-" + "A".repeat(86) + "==";

  private static NpmPackument packument(String latest, String... versions) throws Exception {
    StringBuilder json = new StringBuilder("{\"name\": \"tool\", \"dist-tags\": {\"latest\": \"" + latest
        + "\", \"next\": \"3.0.0-rc.1\"}, \"versions\": {");
    for (int i = 0; i < versions.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(versions[i]).append("\": {\"version\": \"").append(versions[i])
          .append("\", \"dist\": {\"tarball\": \"https://npm.example.com/tool/-/tool-").append(versions[i])
          .append(".tgz\", \"integrity\": \"sha1-AAAA ").append(SHA512).append("\"}}");
    }
    json.append("}}");
    return NpmPackument.parse(Json.readTree(json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String pick(NpmPackument packument, String spec) {
    return packument.select(spec).map(NpmPackument.Published::version).orElse(null);
  }

  @Test
  void theLatestTagWinsWhenItSatisfiesTheRangeElseTheHighestThatDoes() throws Exception {
    NpmPackument packument = packument("1.2.0", "1.0.0", "1.2.0", "1.3.0", "2.0.0", "3.0.0-rc.1");
    assertThat(pick(packument, "^1")).isEqualTo("1.2.0");
    assertThat(pick(packument, "^1.3")).isEqualTo("1.3.0");
    assertThat(pick(packument, "^2")).isEqualTo("2.0.0");
    assertThat(pick(packument, "latest")).isEqualTo("1.2.0");
    assertThat(pick(packument, "next")).isEqualTo("3.0.0-rc.1");
    assertThat(pick(packument, "1.0.0")).isEqualTo("1.0.0");
    assertThat(pick(packument, "*")).isEqualTo("1.2.0");
    assertThat(pick(packument, "^4")).isNull();
    assertThat(pick(packument, "beta")).isNull();
  }

  @Test
  void theStrongestIntegrityIsKept() throws Exception {
    assertThat(packument("1.0.0", "1.0.0").select("1.0.0").orElseThrow().integrity()).isEqualTo(SHA512);
    assertThat(NpmPackument.strongest("sha1-AAAA")).isNull();
    assertThat(NpmPackument.strongest("sha512-notbase64!")).isNull();
  }

  @Test
  void aSpecThatIsNeitherARangeNorATagIsRefused() throws Exception {
    assertThatThrownBy(() -> packument("1.0.0", "1.0.0").select(">=1 <<2")).isInstanceOf(MpException.class);
  }
}
