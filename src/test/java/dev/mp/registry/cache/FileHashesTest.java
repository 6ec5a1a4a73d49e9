package dev.mp.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.integrity.TreeHash;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path plugin;
  @TempDir Path cacheRoot;

  private CacheEntry entry() {
    return new IndexCache(cacheRoot).entry(plugin.toString());
  }

  private Path file(String relative, String content, FileTime time) throws IOException {
    Path file = TestFiles.write(plugin.resolve(relative), content);
    Files.setLastModifiedTime(file, time);
    return file;
  }

  private String hashAndSave() {
    FileHashes hashes = FileHashes.load(entry());
    String integrity = hashes.integrity(plugin);
    hashes.save();
    return integrity;
  }

  @Test
  void theIntegrityIsTheCanonicalTreeHashFromTheCacheToo() throws IOException {
    file(".claude-plugin/plugin.json", "{\"name\": \"p\"}", LONG_AGO);
    file("commands/run.md", "run\n", LONG_AGO);
    assertThat(hashAndSave()).isEqualTo(TreeHash.of(plugin));
    assertThat(entry().dir().resolve(FileHashes.FILE)).exists();
    assertThat(hashAndSave()).isEqualTo(TreeHash.of(plugin));
  }

  @Test
  void aFileWhoseStampIsUnchangedIsNotReadAgain() throws IOException {
    Path file = file("commands/run.md", "aaaa\n", LONG_AGO);
    String before = hashAndSave();
    Files.writeString(file, "bbbb\n");
    Files.setLastModifiedTime(file, LONG_AGO);
    assertThat(hashAndSave()).as("same size, time and inode: the remembered hash").isEqualTo(before);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
    assertThat(hashAndSave()).isEqualTo(TreeHash.of(plugin)).isNotEqualTo(before);
  }

  @Test
  void aFileModifiedJustNowIsNotRemembered() throws IOException {
    FileTime now = FileTime.from(Instant.now());
    Path file = file("commands/run.md", "aaaa\n", now);
    hashAndSave();
    Files.writeString(file, "bbbb\n");
    Files.setLastModifiedTime(file, now);
    assertThat(hashAndSave()).isEqualTo(TreeHash.of(plugin));
  }

  @Test
  void aCorruptRecordIsIgnored() throws IOException {
    file("a.md", "a\n", LONG_AGO);
    TestFiles.write(entry().dir().resolve(FileHashes.FILE), "garbage");
    assertThat(hashAndSave()).isEqualTo(TreeHash.of(plugin));
  }
}
