package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapJournalTest {
  @TempDir Path temp;

  /**
   * Found by bench/faults.sh with a read-only install folder: the swap was committed, could not be
   * rolled forward, and every later command (even `lock check`) failed trying to finish it.
   */
  @Test
  void aFolderTheSwapCannotWriteToFailsBeforeTheCommitPointAndChangesNothing() throws Exception {
    Path installDir = temp.resolve("project/.claude/plugins");
    TestFiles.write(installDir.resolve("alpha/README.md"), "alpha 1");
    Path staging = temp.resolve("project/.claude/.plugins" + SwapJournal.STAGING + "1");
    TestFiles.write(staging.resolve("plugins/alpha/README.md"), "alpha 2");
    TestFiles.write(temp.resolve("project/blocked"), "a file where the swap needs a folder");
    Path unwritable = temp.resolve("project/blocked/plugin-lock.json");

    assertThatThrownBy(() -> SwapJournal.commit(staging, installDir, Set.of("alpha"), Set.of(),
        Map.of(unwritable, "{}".getBytes()), () -> {}))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
          assertThat(e.getMessage()).contains("blocked").contains("nothing was changed");
        });

    assertThat(SwapJournal.leftovers(installDir)).containsExactly(staging);
    assertThat(TestFiles.read(installDir.resolve("alpha/README.md"))).isEqualTo("alpha 1");
    try (var entries = Files.list(installDir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("alpha");
    }
  }

  @Test
  void aWritableSwapIsCommittedAndLeavesNoWriteCheckBehind() throws Exception {
    Path installDir = temp.resolve("project/.claude/plugins");
    TestFiles.write(installDir.resolve("alpha/README.md"), "alpha 1");
    Path staging = temp.resolve("project/.claude/.plugins" + SwapJournal.STAGING + "1");
    TestFiles.write(staging.resolve("plugins/alpha/README.md"), "alpha 2");

    SwapJournal.commit(staging, installDir, Set.of("alpha"), Set.of(),
        Map.of(temp.resolve("project/plugin-lock.json"), "{}".getBytes()), () -> {});

    assertThat(TestFiles.read(installDir.resolve("alpha/README.md"))).isEqualTo("alpha 2");
    assertThat(SwapJournal.leftovers(installDir)).isEmpty();
    try (var entries = Files.list(temp.resolve("project"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".claude", "plugin-lock.json");
    }
    try (var entries = Files.list(installDir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("alpha");
    }
  }

  /**
   * Found by bench/faults.sh: killed while deleting the folder of a finished swap, a run left a
   * commit folder without its journal, and every later command failed reading it.
   */
  @Test
  void aCommitFolderWhoseJournalIsGoneIsAFinishedSwapAndIsDeleted() throws Exception {
    Path installDir = temp.resolve("project/.claude/plugins");
    TestFiles.write(installDir.resolve("alpha/README.md"), "alpha 2");
    Path commit = temp.resolve("project/.claude/.plugins" + SwapJournal.COMMIT + "1");
    TestFiles.write(commit.resolve("trash/alpha/README.md"), "alpha 1");
    Files.createDirectories(commit.resolve("plugins"));

    SwapJournal.rollForward(commit);

    assertThat(commit).doesNotExist();
    assertThat(SwapJournal.leftovers(installDir)).isEmpty();
    assertThat(TestFiles.read(installDir.resolve("alpha/README.md"))).isEqualTo("alpha 2");
  }
}
