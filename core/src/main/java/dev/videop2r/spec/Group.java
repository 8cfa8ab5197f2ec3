package dev.videop2r.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record whose fields belong to a run spec as a nested group ({@code optimizer}, {@code reward}, ...):
 * its fields are the spec's fields under that name. Records without it (a length window) are single values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Group {}
