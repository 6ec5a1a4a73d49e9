package dev.mp.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command tree of DESIGN.md §5, and the builder that turns it into picocli objects.
 *
 * <p>Building a picocli command reads its annotations by reflection, which is most of mp's start-up
 * time. A run only needs the commands on its own path, so {@link #build} inspects just those: {@code
 * mp registry list} builds {@code mp}, {@code registry} and {@code list}. When the path is unknown (a
 * typo, or {@code mp --help}) the whole tree is built, so help and "did you mean" stay complete.
 */
final class CommandTree {
  /** A command and its subcommands. */
  record Node(String name, Supplier<Object> factory, List<Node> children) {
    Optional<Node> child(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }
  }

  static final List<Node> COMMANDS =
      List.of(
          leaf("init", InitCommand::new),
          group(
              "registry",
              RegistryCommand::new,
              leaf("add", RegistryAddCommand::new),
              leaf("remove", RegistryRemoveCommand::new),
              leaf("list", RegistryListCommand::new),
              leaf("sync", RegistrySyncCommand::new),
              leaf("test", RegistryTestCommand::new),
              leaf("keygen", RegistryKeygenCommand::new),
              leaf("sign", RegistrySignCommand::new)),
          leaf("search", SearchCommand::new),
          leaf("resolve", ResolveCommand::new),
          leaf("install", InstallCommand::new),
          leaf("uninstall", UninstallCommand::new),
          leaf("list", ListCommand::new),
          group(
              "policy",
              PolicyCommand::new,
              leaf("check", PolicyCheckCommand::new),
              leaf("list", PolicyListCommand::new),
              leaf("enforce", PolicyEnforceCommand::new)),
          group(
              "lock",
              LockCommand::new,
              leaf("generate", LockGenerateCommand::new),
              leaf("check", LockCheckCommand::new),
              leaf("diff", LockDiffCommand::new),
              leaf("install", LockInstallCommand::new)),
          leaf("completion", CompletionCommand::new));

  /** Global options that take a value, so their value is not mistaken for a command name. */
  private static final List<String> OPTIONS_WITH_VALUE = List.of("-C", "--cache-dir");

  private CommandTree() {}

  private static Node leaf(String name, Supplier<Object> factory) {
    return new Node(name, factory, List.of());
  }

  private static Node group(String name, Supplier<Object> factory, Node... children) {
    return new Node(name, factory, List.of(children));
  }

  /** Adds to {@code root} the commands that {@code args} can reach (everything when unsure). */
  static void build(CommandLine root, String[] args) {
    List<String> path = commandPath(args);
    for (Node node : COMMANDS) {
      if (path.isEmpty() || !isKnown(path.get(0)) || node.name.equals(path.get(0))) {
        root.addSubcommand(node.name, build(node, path.size() > 1 ? path.get(1) : null));
      }
    }
  }

  private static CommandLine build(Node node, String wantedChild) {
    CommandLine commandLine = new CommandLine(node.factory.get());
    boolean known = wantedChild != null && node.child(wantedChild).isPresent();
    for (Node child : node.children) {
      if (!known || child.name.equals(wantedChild)) {
        commandLine.addSubcommand(child.name, build(child, null));
      }
    }
    return commandLine;
  }

  private static boolean isKnown(String name) {
    return COMMANDS.stream().anyMatch(node -> node.name.equals(name));
  }

  /** The first two words of {@code args} that are not options or option values. */
  static List<String> commandPath(String[] args) {
    java.util.ArrayList<String> words = new java.util.ArrayList<>(2);
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("-")) {
        if (OPTIONS_WITH_VALUE.contains(arg)) {
          i++;
        }
        continue;
      }
      words.add(arg);
    }
    return words;
  }
}
