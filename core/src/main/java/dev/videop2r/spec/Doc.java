package dev.videop2r.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one description of a run-spec field: what it means and where its default comes from. The command line
 * shows it as the flag's help, so a field is documented here and nowhere else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Doc {
  /** What the field means, with the paper's symbol where there is one; the default is appended by the reader. */
  String value();

  /** True when the paper gives no value and the default is an assumption (usually Video-R1's); shown as such. */
  boolean assumed() default false;

  /** The command-line flag without dashes when it is not the field name in kebab case (e.g. {@code lr}). */
  String flag() default "";

  /** Earlier flag names kept working as hidden aliases, without dashes. */
  String[] aliases() default {};
}
