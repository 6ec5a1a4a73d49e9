package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.capability.Capability;
import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import dev.mp.registry.ReleaseDetails;
import dev.mp.resolve.ChoiceReason;
import dev.mp.resolve.ResolvedPlugin;
import dev.mp.resolve.SignatureStatus;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is known of a resolved plugin's capabilities before it is fetched: its marketplace entry's
 * fields (a release's {@code entryFields}) and, for a local folder, its files.
 */
class ResolvedCapabilitiesTest {
  private static final String ENTRY = "{\"strict\": false, \"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\":"
      + " \"command\", \"command\": \"x\"}]}]}, \"mcpServers\": {\"db\": {\"command\": \"db\"}}}";

  @TempDir Path temp;

  private static ResolvedPlugin resolved(PackageSource source, String entryFields) {
    Release release = new Release("1.0.0", null, null, source, List.of(), false, null,
        ReleaseDetails.NONE.withEntryFields(entryFields));
    return new ResolvedPlugin("tool", "market", release, null, null, SignatureStatus.UNSIGNED, ChoiceReason.PRIORITY,
        true, List.of(), List.of(), List.of());
  }

  @Test
  void aRemoteEntryDeclaresWhatItHoldsInline() {
    PackageSource git = new PackageSource.Git("https://github.com/o/r.git", null, "a".repeat(40), null);
    assertThat(ResolvedFacts.capabilities(resolved(git, ENTRY)).describe()).isEqualTo("hooks (SessionStart), mcp-servers (db)");
    assertThat(ResolvedFacts.capabilities(resolved(git, null))).as("an index entry declares nothing: unknown").isNull();
  }

  @Test
  void aLocalFolderAddsItsFilesToItsEntry() {
    Path folder = temp.resolve("tool");
    TestFiles.write(folder.resolve("bin/tool"), "#!/bin/sh\n");
    PluginFacts facts = ResolvedFacts.of(resolved(new PackageSource.Folder(folder), ENTRY), true, false);
    assertThat(facts.capabilities().has(Capability.BINARIES)).isTrue();
    assertThat(facts.capabilities().has(Capability.HOOKS)).isTrue();
    assertThat(ResolvedFacts.of(resolved(new PackageSource.Folder(folder), ENTRY), false, false).capabilities())
        .as("not asked for: not read").isNull();
  }
}
