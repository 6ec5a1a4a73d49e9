package dev.mp.cli;

import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes a run of plugin names for a list parameter in one step ({@code mp resolve a b c ...}).
 *
 * <p>picocli vets every positional value on its own, and each check throws and catches two {@code
 * NumberFormatException}s (is it a negative number?): about 20 µs an argument, a tenth of a second
 * for 5,000 names. Here the first value is the one picocli has already decided is positional (even
 * {@code -x} after {@code --}); the following ones are taken while they cannot be options (they do
 * not start with {@code -}; plugin names never do). Options, {@code --} and unknown options after
 * the names are left to picocli, which then hands the names after them to this consumer again, so
 * parsing means exactly what it meant without it.
 */
final class NameList implements IParameterConsumer {
  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    List<String> values = argSpec.getValue();
    values.add(args.pop());
    while (!args.isEmpty() && !args.peek().startsWith("-")) {
      values.add(args.pop());
    }
  }
}
