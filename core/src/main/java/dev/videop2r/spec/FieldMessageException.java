package dev.videop2r.spec;

import java.util.function.UnaryOperator;

/** A failure whose message may mention settings ({@link FieldMessage}); {@link #getMessage} names them by field. */
public abstract class FieldMessageException extends RuntimeException implements FieldMessage {
  private final FieldMessage text;

  protected FieldMessageException(FieldMessage text, Throwable cause) {
    super(text.byField(), cause);
    this.text = text;
  }

  @Override
  public String message(UnaryOperator<String> name) {
    return text.message(name);
  }
}
