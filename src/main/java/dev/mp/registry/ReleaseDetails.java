package dev.mp.registry;

/**
 * What a registry says about a release beyond where it is and what it needs: its publication state
 * and, for Claude Code marketplace entries, the entry's own fields that Claude Code reads.
 *
 * @param yanked true when the registry withdrew the release: new resolutions skip it, a lockfile that
 *     already pins it still installs it (cargo's semantics)
 * @param yankedReason why it was withdrawn, or null
 * @param entryFields the marketplace entry's fields other than {@code name}, {@code source},
 *     {@code version}, {@code description} and {@code dependencies} (component fields, {@code strict},
 *     {@code category}, ...), as a canonical JSON object on one line, or null when the registry gives
 *     none; the dependencies are the release's own, which mp writes in Claude Code's object form
 */
public record ReleaseDetails(boolean yanked, String yankedReason, String entryFields) {
  /** A release with nothing to add: published, no marketplace entry fields. */
  public static final ReleaseDetails NONE = new ReleaseDetails(false, null, null);

  /** True when nothing is set (the common case, which lookup records store as one flag bit). */
  public boolean isEmpty() {
    return !yanked && yankedReason == null && entryFields == null;
  }

  public ReleaseDetails withYanked(boolean yanked, String reason) {
    return new ReleaseDetails(yanked, yanked ? reason : null, entryFields);
  }

  public ReleaseDetails withEntryFields(String entryFields) {
    return new ReleaseDetails(yanked, yankedReason, entryFields);
  }
}
