package dev.mp.resolve;

import java.util.List;

/**
 * The policy engine's decision on a resolved plugin, as the {@code --explain} trace shows it. The
 * resolver does not evaluate policy (the policy package depends on this one, not the reverse); the
 * caller evaluates it after resolving and attaches it with {@link Resolution#withPolicy}.
 */
public interface PolicyVerdict {
  /** True when the plugin may be installed. */
  boolean allowed();

  /** One line: {@code allowed by rule 2}, {@code denied: known backdoor}. */
  String summary();

  /** The rules tried and why each matched or was skipped, in order. */
  List<String> steps();
}
