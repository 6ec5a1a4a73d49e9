package dev.mp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exit-code table of {@code docs/cli.md} lists every error code in the row of its exit code. */
class ErrorCodeDocsTest {
  @Test
  void everyErrorCodeIsDocumentedWithItsExitCode() {
    String doc = TestFiles.read(Path.of("docs/cli.md"));
    for (ErrorCode code : ErrorCode.values()) {
      Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|[^\\n]*`" + code.name() + "`").matcher(doc);
      assertThat(row.find()).as("docs/cli.md documents %s", code).isTrue();
      assertThat(Integer.parseInt(row.group(1))).as("exit code of %s", code).isEqualTo(code.exitCode());
      assertThat(row.find()).as("%s is documented once", code).isFalse();
    }
  }
}
