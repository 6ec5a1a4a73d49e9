package dev.mp;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type of mp: an {@link ErrorCode}, a message for people, and hints that name the
 * next thing to try. Messages never contain secrets; URLs in them are printed through {@code SafeUrl}.
 */
public final class MpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final List<String> hints;

  public MpException(ErrorCode code, String message, List<String> hints, Throwable cause) {
    super(Objects.requireNonNull(message), cause);
    this.code = Objects.requireNonNull(code);
    this.hints = List.copyOf(hints);
  }

  public MpException(ErrorCode code, String message, String... hints) {
    this(code, message, List.of(hints), null);
  }

  public ErrorCode code() {
    return code;
  }

  public List<String> hints() {
    return hints;
  }

  /** The hints as one string of several lines, or {@code null} when there is none. */
  public String hint() {
    return hints.isEmpty() ? null : String.join("\n", hints);
  }

  public int exitCode() {
    return code.exitCode();
  }

  /** A copy of this exception with one more hint. */
  public MpException withHint(String hint) {
    List<String> more = new java.util.ArrayList<>(hints);
    more.add(hint);
    return new MpException(code, getMessage(), more, getCause());
  }

  public static MpException config(String message, String... hints) {
    return new MpException(ErrorCode.CONFIG_ERROR, message, hints);
  }

  public static MpException usage(String message, String... hints) {
    return new MpException(ErrorCode.USAGE_ERROR, message, hints);
  }

  public static MpException io(String message, Throwable cause) {
    return new MpException(ErrorCode.IO_ERROR, message + ": " + describe(cause), List.of(), cause);
  }

  /** A short description of a throwable for a message: its message, or its type when it has none. */
  public static String describe(Throwable t) {
    String m = t.getMessage();
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (t instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists: " + m;
    }
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
