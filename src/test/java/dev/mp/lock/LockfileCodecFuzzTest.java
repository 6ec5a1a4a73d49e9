package dev.mp.lock;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.testing.FuzzRules;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Lockfiles ({@code plugin-lock.json}), whatever their bytes: a lockfile, or a coded {@code
 * LOCKFILE_ERROR} / {@code UNSUPPORTED_LOCK_VERSION}. A lockfile that reads is written back in
 * canonical form (always the current version), and that form reads back to the same lockfile and the
 * same bytes.
 */
class LockfileCodecFuzzTest {
  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"lockVersion\"", "\"registries\"", "\"requested\"", "\"plugins\"", "\"generatedAt\"",
      "\"version\"", "\"integrity\"", "\"source\"", "\"resolved\"", "\"dependencies\"", "\"archiveIntegrity\"",
      "\"signed\"", "\"signedClaim\"", "\"trustScore\"", "\"installedAt\"", "1", "2", "3"})
  void anyLockfileReadsAndRoundTripsOrIsACodedError(byte[] bytes) throws Exception {
    FuzzRules.codedOnly(() -> {
      Lockfile lockfile;
      try {
        lockfile = LockfileCodec.parse("plugin-lock.json", bytes);
      } catch (MpException e) {
        assertThat(e.code()).isIn(ErrorCode.LOCKFILE_ERROR, ErrorCode.UNSUPPORTED_LOCK_VERSION);
        throw e;
      }
      byte[] canonical = LockfileCodec.serialize(lockfile);
      Lockfile again = LockfileCodec.parse("plugin-lock.json", canonical);
      String written = new String(canonical, StandardCharsets.UTF_8);
      assertThat(again.lockVersion()).as(written).isEqualTo(LockfileCodec.LOCK_VERSION);
      assertThat(again.registries()).as(written).isEqualTo(lockfile.registries());
      assertThat(again.requested()).as(written).isEqualTo(lockfile.requested());
      assertThat(again.plugins()).as(written).isEqualTo(lockfile.plugins());
      assertThat(again.extra()).as(written).isEqualTo(lockfile.extra());
      assertThat(LockfileCodec.serialize(again)).isEqualTo(canonical);
    });
  }
}
