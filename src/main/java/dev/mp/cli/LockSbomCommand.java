package dev.mp.cli;

import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.lock.sbom.SbomFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sbom",
    description = "Write a bill of materials of the locked plugins: CycloneDX 1.6 or SPDX 2.3 JSON, the same bytes for the same lockfile (SPDX's creation time is SOURCE_DATE_EPOCH, else 1970-01-01).")
final class LockSbomCommand extends BaseCommand {
  @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "cyclonedx or spdx.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write it to FILE instead of stdout.")
  Path output;

  @Override
  protected int execute() {
    SbomFormat chosen = SbomFormat.parse(format).orElseThrow(() -> MpException.usage(
        "unknown format `" + format + "` for `mp lock sbom`", "use one of: " + SbomFormat.choices()));
    String text = CanonicalJson.toString(federation().lockSbom(chosen), false);
    if (output == null) {
      output().line(text.stripTrailing());
      return 0;
    }
    Path target = federation().context().projectDir().resolve(output);
    AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    output().status("Wrote a " + (chosen == SbomFormat.CYCLONEDX ? "CycloneDX 1.6" : "SPDX 2.3") + " bill of materials of `plugin-lock.json` to `"
        + federation().display(target) + "`");
    return 0;
  }
}
