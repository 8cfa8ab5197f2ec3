package dev.videop2r.spec;

import java.util.function.UnaryOperator;

/**
 * A run-spec value or setting that is not allowed, naming the field (a dotted path such as {@code
 * reward.lengthBonus}); the problem may mention further fields. The command line translates fields to flags.
 */
public final class InvalidFieldException extends IllegalArgumentException implements FieldMessage {
  private final String field;
  private final FieldMessage problem;

  public InvalidFieldException(String field, String problem) {
    this(field, name -> problem, null);
  }

  /** A problem whose text mentions other fields, for example the one to set instead. */
  public InvalidFieldException(String field, FieldMessage problem) {
    this(field, problem, null);
  }

  public InvalidFieldException(String field, FieldMessage problem, Throwable cause) {
    super(field + ": " + problem.byField(), cause);
    this.field = field;
    this.problem = problem;
  }

  /** The field's dotted path. */
  public String field() {
    return field;
  }

  /** What is wrong with its value, mentioned fields by their path. */
  public String problem() {
    return problem.byField();
  }

  /** {@code field: problem}, with the field and those the problem mentions written by {@code name}. */
  @Override
  public String message(UnaryOperator<String> name) {
    return name.apply(field) + ": " + problem.message(name);
  }

  /** The same problem for the field seen from an enclosing group: {@code prefix.field}. */
  public InvalidFieldException under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    // The problem's own mentions are paths in the same group as the field.
    return new InvalidFieldException(prefix + "." + field,
        name -> problem.message(path -> name.apply(prefix + "." + path)), getCause());
  }

  /** Throws for {@code field} unless {@code ok}. */
  public static void check(boolean ok, String field, String problem) {
    if (!ok) {
      throw new InvalidFieldException(field, problem);
    }
  }
}
