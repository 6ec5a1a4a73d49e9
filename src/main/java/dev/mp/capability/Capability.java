package dev.mp.capability;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A kind of thing a plugin can do, as the policy names it ({@code capabilities: [hooks, mcp-servers]})
 * and the lockfile records it. The first five run code on the user's machine; commands, agents and
 * skills are text a model reads; {@code network} lists the hosts the plugin says it reaches.
 */
public enum Capability {
  /** Shell commands (or a hooks module) run on Claude Code events; the values are the event names. */
  HOOKS("hooks", true),
  /** Background watch scripts, unsandboxed like hooks; the values are the monitor names. */
  MONITORS("monitors", true),
  /** MCP servers (processes or remote endpoints); the values are the server names. */
  MCP_SERVERS("mcp-servers", true),
  /** Language servers (processes); the values are the server names. */
  LSP_SERVERS("lsp-servers", true),
  /** Executables put on the {@code PATH} ({@code bin/}, or fetched at install by {@code binaries}). */
  BINARIES("binaries", true),
  /** Slash commands. */
  COMMANDS("commands", false),
  /** Subagents. */
  AGENTS("agents", false),
  /** Skills. */
  SKILLS("skills", false),
  /** Hosts the plugin reaches, as declared ({@code network.hosts}) or named by its remote MCP servers. */
  NETWORK("network", false);

  private final String wire;
  private final boolean runsCode;

  Capability(String wire, boolean runsCode) {
    this.wire = wire;
    this.runsCode = runsCode;
  }

  /** The spelling in policies, the lockfile and output: {@code mcp-servers}. */
  public String wire() {
    return wire;
  }

  /** True for the kinds that start processes or run commands on the user's machine. */
  public boolean runsCode() {
    return runsCode;
  }

  /** The capability spelt {@code text}, if any. */
  public static Optional<Capability> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.wire.equals(text)).findFirst();
  }

  /** {@code hooks, monitors, ...} for messages. */
  public static String choices() {
    return Arrays.stream(values()).map(Capability::wire).collect(Collectors.joining(", "));
  }

  /** Every spelling, for suggestions. */
  public static java.util.List<String> names() {
    return Arrays.stream(values()).map(Capability::wire).toList();
  }
}
