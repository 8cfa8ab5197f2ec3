package dev.videop2r.spec;

/**
 * A run-spec value that is not allowed, naming the field (a dotted path such as {@code reward.lengthBonus}); the
 * command line translates the field to its flag.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  public InvalidFieldException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field's dotted path. */
  public String field() {
    return field;
  }

  /** What is wrong with its value. */
  public String problem() {
    return problem;
  }

  /** The same problem for the field seen from an enclosing group: {@code prefix.field}. */
  public InvalidFieldException under(String prefix) {
    return prefix.isEmpty() ? this : new InvalidFieldException(prefix + "." + field, problem);
  }

  /** Throws for {@code field} unless {@code ok}. */
  public static void check(boolean ok, String field, String problem) {
    if (!ok) {
      throw new InvalidFieldException(field, problem);
    }
  }
}
