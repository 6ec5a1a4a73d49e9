package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();
  private final Reporter reporter = warnings::add;

  @Test
  void keygenWritesAnOwnerOnlyPrivateKeyAndItsPublicKey() throws IOException {
    Path file = dir.resolve("keys/registry.key");
    KeyFiles.GeneratedKey key = KeyFiles.generate(file, "registry.key", false, reporter);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(TestFiles.read(dir.resolve("keys/registry.key.pub"))).isEqualTo(key.publicKey().text() + "\n");
    assertThat(KeyFiles.load(file, "registry.key", reporter).publicKey()).isEqualTo(key.publicKey());
    assertThat(warnings).isEmpty();
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("registry.key", "registry.key.pub");
    }
  }

  @Test
  void keygenRefusesToOverwriteEitherFileWithoutForce() {
    Path file = dir.resolve("registry.key");
    TestFiles.write(dir.resolve("registry.key.pub"), "keep me\n");
    assertThatThrownBy(() -> KeyFiles.generate(file, "registry.key", false, reporter))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR);
          assertThat(e.getMessage()).isEqualTo("`registry.key.pub` already exists");
          assertThat(e.hint()).contains("--force");
        });
    assertThat(file).doesNotExist();
    assertThat(TestFiles.read(dir.resolve("registry.key.pub"))).isEqualTo("keep me\n");
  }

  @Test
  void keygenWithForceReplacesTheKeyAndKeepsItOwnerOnly() throws IOException {
    Path file = dir.resolve("registry.key");
    KeyFiles.GeneratedKey first = KeyFiles.generate(file, "registry.key", false, reporter);
    KeyFiles.GeneratedKey second = KeyFiles.generate(file, "registry.key", true, reporter);
    assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
    assertThat(KeyFiles.load(file, "registry.key", reporter).publicKey()).isEqualTo(second.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void loadingAKeyOthersCanReadWarnsButWorks() throws IOException {
    Path file = dir.resolve("ci.key");
    Files.write(file, TestKeys.signing().encode());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Ed25519PrivateKey key = KeyFiles.load(file, "ci.key", reporter);
    assertThat(key.publicKey()).isEqualTo(TestKeys.signing().publicKey());
    assertThat(warnings).containsExactly("private key `ci.key` can be read by other users; run `chmod 600 ci.key`");
  }

  @Test
  void missingKeyFileIsAnIoErrorNamingIt() {
    assertThatThrownBy(() -> KeyFiles.load(dir.resolve("none.key"), "none.key", reporter))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
          assertThat(e.getMessage()).startsWith("failed to read private key `none.key`: no such file");
        });
  }

  @Test
  void hugeFileIsNotReadAsAKey() throws IOException {
    Path file = dir.resolve("big.key");
    Files.write(file, new byte[KeyFiles.MAX_KEY_FILE_BYTES + 1]);
    assertThatThrownBy(() -> KeyFiles.load(file, "big.key", reporter))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).isEqualTo("`big.key` is not an mp private key: the file is too large"));
  }

  @Test
  void keygenIntoADirectoryIsAUsageError() {
    assertThatThrownBy(() -> KeyFiles.generate(dir, "keys", false, reporter))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR));
  }
}
