package dev.mp.cli;

import dev.mp.Context;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the global options, the {@link Output}, the {@link Context} and the
 * {@link Federation} built from them. Subclasses implement {@link #execute()} and return 0, or 1 when
 * a check found a problem; failures are thrown as {@link MpException}.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** The root command when the command line was bound without picocli's model ({@link FastPath}). */
  MpCommand directRoot;

  private Output output;
  private Federation federation;

  @Override
  public final Integer call() {
    return execute();
  }

  protected abstract int execute();

  protected final MpCommand root() {
    return directRoot != null ? directRoot : (MpCommand) spec.root().userObject();
  }

  protected final GlobalOptions globals() {
    return root().globals;
  }

  protected final Output output() {
    if (output == null) {
      output = root().sharedOutput();
    }
    return output;
  }

  /** The context of this run, from the global options and the invocation. */
  protected final Context context() {
    Invocation invocation = root().invocation();
    GlobalOptions g = globals();
    Path cwd = Path.of("").toAbsolutePath();
    Path project = g.projectDir == null ? Path.of("").toAbsolutePath() : cwd.resolve(g.projectDir);
    if (!Files.isDirectory(project)) {
      throw MpException.usage("`-C " + g.projectDir + "`: no such directory",
          "`-C` names the project root: the folder that holds (or will hold) `.claude/`");
    }
    Path cache = g.cacheDir != null ? cwd.resolve(g.cacheDir) : Context.defaultCacheDir(invocation.env());
    Terminal terminal = invocation.terminal() && !g.json ? new ConsoleTerminal(invocation.in(), invocation.err()) : Terminal.NONE;
    return new Context(project, cache, g.offline, invocation.clock(), invocation.env(), output().reporter(), terminal);
  }

  protected final Federation federation() {
    if (federation == null) {
      federation = new Federation(context());
    }
    return federation;
  }
}
