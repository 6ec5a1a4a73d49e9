package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.sign.KeyFiles.GeneratedKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "keygen",
    description = "Write a new Ed25519 key pair for signing a registry: FILE (the private key, readable by"
        + " you only) and FILE.pub. Prints the public key, for `mp registry add NAME URL --key`.")
final class RegistryKeygenCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FILE",
      description = "Where to write the private key (relative to the project root).")
  Path file;

  @Option(names = "--force", description = "Replace FILE and FILE.pub if they exist.")
  boolean force;

  @Override
  protected int execute() {
    GeneratedKey key = federation().keygen(file, force);
    String privateFile = federation().display(key.privateKeyFile());
    String publicFile = federation().display(key.publicKeyFile());
    Output out = output();
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("publicKey", key.publicKey().text());
      document.put("privateKeyFile", privateFile);
      document.put("publicKeyFile", publicFile);
      out.json(document);
      return 0;
    }
    out.line(key.publicKey().text());
    out.status("Wrote private key `" + privateFile + "` (readable by you only) and public key `" + publicFile + "`");
    out.status("Trust it in a project: mp registry add NAME URL --key " + key.publicKey().text());
    out.status("Sign an index:         mp registry sign INDEX --key " + privateFile);
    out.status("Keep `" + privateFile + "` secret: put it in your CI's secret store, never in the repository");
    return 0;
  }
}
