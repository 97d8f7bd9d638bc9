package io.sightline.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API operation that reads its window with {@link TimeRange}: {@link ApiDocs} describes
 * {@code from}, {@code to} and {@code range} on it, so the rules are written once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WindowParameters {

    /** The {@code range} taken when none of the three is given, such as {@code 1h}; empty when a window is required. */
    String defaultRange();

    /**
     * Whether the operation also takes deploy windows ({@code markers.DeployWindows}): {@code deploy}
     * and the ranges {@code deploy:last} and {@code deploy:previous}.
     */
    boolean deployWindows() default false;
}
