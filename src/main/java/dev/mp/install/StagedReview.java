package dev.mp.install;

import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.capability.CapabilityDetector;
import java.util.SortedMap;

/**
 * What a project asks about the plugins of an install once their files are fetched and verified, and
 * before anything is swapped in: what each can do, and whether the install may go on. Resolution can
 * only judge what a registry declares; a package may turn out to have more (hooks an index never
 * mentioned), and this is where the installed tree is judged. Implementations are called on the
 * installing thread.
 */
public interface StagedReview {
  /** Reads capabilities from the verified tree alone and approves everything. */
  StagedReview TREE_ONLY = staged -> CapabilityDetector.ofFolder(staged.folder(), null);

  /** The capabilities of {@code staged}: its verified tree, with what its registry declares. */
  Capabilities capabilities(StagedPlugin staged);

  /**
   * Called once with every staged plugin (its {@link StagedPlugin#capabilities()} set) before the swap.
   *
   * @throws MpException to stop the install ({@code POLICY_DENIED}); nothing has changed then
   */
  default void approve(SortedMap<String, StagedPlugin> staged) {}
}
