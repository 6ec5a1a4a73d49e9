package dev.mp.cli;

import java.util.ArrayList;
import java.util.List;
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
  /**
   * A command and its subcommands. Commands are made by {@link #create} from their path rather than by
   * method references: linking two dozen lambdas cost every start milliseconds, for the one or two
   * commands a run uses.
   */
  record Node(String name, List<Node> children) {
    Node child(String childName) {
      for (Node child : children) {
        if (child.name.equals(childName)) {
          return child;
        }
      }
      return null;
    }
  }

  static final List<Node> COMMANDS =
      List.of(
          leaf("init"),
          group("registry", leaf("add"), leaf("remove"), leaf("list"), leaf("sync"), leaf("test"), leaf("keygen"),
              leaf("sign"), leaf("build"), leaf("yank")),
          leaf("search"),
          leaf("resolve"),
          leaf("install"),
          leaf("uninstall"),
          leaf("list"),
          group("policy", leaf("check"), leaf("list"), leaf("enforce"), leaf("export")),
          group("lock", leaf("generate"), leaf("check"), leaf("diff"), leaf("install"), leaf("sbom")),
          leaf("pack"),
          leaf("completion"),
          leaf("wrapper"));

  /** Global options that take a value, so their value is not mistaken for a command name. */
  private static final List<String> OPTIONS_WITH_VALUE = List.of("-C", "--cache-dir");

  private CommandTree() {}

  private static Node leaf(String name) {
    return new Node(name, List.of());
  }

  private static Node group(String name, Node... children) {
    return new Node(name, List.of(children));
  }

  /** The command object of {@code path} ({@code "registry list"}, {@code "resolve"}, ...). */
  static Object create(String path) {
    switch (path) {
      case "init": return new InitCommand();
      case "registry": return new RegistryCommand();
      case "registry add": return new RegistryAddCommand();
      case "registry remove": return new RegistryRemoveCommand();
      case "registry list": return new RegistryListCommand();
      case "registry sync": return new RegistrySyncCommand();
      case "registry test": return new RegistryTestCommand();
      case "registry keygen": return new RegistryKeygenCommand();
      case "registry sign": return new RegistrySignCommand();
      case "registry build": return new RegistryBuildCommand();
      case "registry yank": return new RegistryYankCommand();
      case "search": return new SearchCommand();
      case "resolve": return new ResolveCommand();
      case "install": return new InstallCommand();
      case "uninstall": return new UninstallCommand();
      case "list": return new ListCommand();
      case "policy": return new PolicyCommand();
      case "policy check": return new PolicyCheckCommand();
      case "policy list": return new PolicyListCommand();
      case "policy enforce": return new PolicyEnforceCommand();
      case "policy export": return new PolicyExportCommand();
      case "lock": return new LockCommand();
      case "lock generate": return new LockGenerateCommand();
      case "lock check": return new LockCheckCommand();
      case "lock diff": return new LockDiffCommand();
      case "lock install": return new LockInstallCommand();
      case "pack": return new PackCommand();
      case "lock sbom": return new LockSbomCommand();
      case "completion": return new CompletionCommand();
      case "wrapper": return new WrapperCommand();
      default: throw new IllegalArgumentException("no command `" + path + "`");
    }
  }

  /** Adds to {@code root} the commands that {@code args} can reach (everything when unsure). */
  static void build(CommandLine root, String[] args) {
    List<String> path = commandPath(args);
    for (Node node : COMMANDS) {
      if (path.isEmpty() || !isKnown(path.get(0)) || node.name.equals(path.get(0))) {
        root.addSubcommand(node.name, build(node, node.name, path.size() > 1 ? path.get(1) : null));
      }
    }
  }

  private static CommandLine build(Node node, String path, String wantedChild) {
    CommandLine commandLine = new CommandLine(create(path));
    boolean known = wantedChild != null && node.child(wantedChild) != null;
    for (Node child : node.children) {
      if (!known || child.name.equals(wantedChild)) {
        commandLine.addSubcommand(child.name, build(child, path + " " + child.name, null));
      }
    }
    return commandLine;
  }

  private static boolean isKnown(String name) {
    for (Node node : COMMANDS) {
      if (node.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The first two words of {@code args} that are not options or option values. */
  static List<String> commandPath(String[] args) {
    List<String> words = new ArrayList<>(2);
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
