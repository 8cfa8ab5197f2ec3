package dev.videop2r.spec;

import java.util.function.UnaryOperator;

/**
 * A message that mentions settings by their field path ({@code resume}, {@code judge.keyEnv}) and leaves how they
 * read to its reader: a library's user reads the field path, the command line's user the flag that sets it. Written
 * as a lambda over {@code name}; an exception that carries one implements it so the command line can render it.
 */
@FunctionalInterface
public interface FieldMessage {
  /** The text with every mentioned field written as {@code name.apply(fieldPath)}. */
  String message(UnaryOperator<String> name);

  /** The text as a library reads it: each field by its path. */
  default String byField() {
    return message(UnaryOperator.identity());
  }
}
