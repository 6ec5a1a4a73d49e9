package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.IndexSigner.SignedIndex;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sign",
    description = "Sign a registry index and every entry and release in it, raise its serial, and write"
        + " INDEX.sig beside it.")
final class RegistrySignCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "INDEX",
      description = "The registry index JSON file, signed in place (relative to the project root).")
  Path index;

  @Option(names = "--key", paramLabel = "FILE", required = true,
      description = "The private key file written by `mp registry keygen`.")
  Path key;

  @Option(names = "--expires", paramLabel = "DURATION",
      description = "Clients refuse the index after this long, e.g. 30d, 12h (default: keep its `expires`).")
  String expires;

  @Override
  protected int execute() {
    SignedIndex signed = federation().signIndex(index, key, expires);
    Path indexPath = federation().context().projectDir().resolve(index);
    String indexFile = federation().display(indexPath);
    String signatureFile = federation().display(IndexSigner.signatureFile(indexPath));
    String expiry = signed.expires() == null ? null : signed.expires().toString();
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("index", indexFile);
      document.put("signatureFile", signatureFile);
      document.put("publicKey", signed.key().text());
      document.put("serial", signed.serial());
      document.put("expires", expiry);
      document.put("entries", signed.entries());
      document.put("releases", signed.releases());
      out.json(document);
      return 0;
    }
    out.status("Signed " + signed.entries() + " plugin" + (signed.entries() == 1 ? "" : "s") + " and "
        + signed.releases() + " release" + (signed.releases() == 1 ? "" : "s") + " in `" + indexFile + "` (serial "
        + signed.serial() + (expiry == null ? ", no expiry" : ", expires " + expiry) + ")");
    out.status("Wrote `" + signatureFile + "`");
    out.status("Clients verify it with " + signed.key().text() + " in the registry's `keys`");
    return 0;
  }
}
