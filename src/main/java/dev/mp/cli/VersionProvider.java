package dev.mp.cli;

import dev.mp.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code mp --version}: the version and the commit the jar was built from. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"mp " + Version.current() + " (commit " + Version.commit() + ")"};
  }
}
