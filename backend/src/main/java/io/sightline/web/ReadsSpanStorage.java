package io.sightline.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API controller whose operations read span storage, and so may answer 503 with
 * {@code Retry-After} ({@link StorageErrors}): {@link ApiDocs} adds that answer to each of them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadsSpanStorage {}
