package dev.mp.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code mp --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"mp " + dev.mp.Version.current()};
  }
}
