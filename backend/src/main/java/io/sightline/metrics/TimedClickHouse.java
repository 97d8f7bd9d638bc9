package io.sightline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.ForwardingClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.QueryLimitException;
import io.sightline.storage.StorageUnavailableException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ClickHouse port with every read timed, as {@code sightline.read.queries} tagged {@code
 * feature} and {@code outcome}. The feature is the Sightline class that issued the read, found on
 * the stack (so no query class carries metrics code): {@code TraceQueries} is {@code trace}, {@code
 * RequestStats} {@code request-stats}. Classes are few, so the tag stays bounded. Inserts and
 * commands pass through untimed: ingest times its own commits.
 */
final class TimedClickHouse extends ForwardingClickHouse {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final ClassValue<String> FEATURES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return feature(type);
        }
    };

    private final Supplier<MeterRegistry> registry;

    TimedClickHouse(ClickHouse engine, Supplier<MeterRegistry> registry) {
        super(engine);
        this.registry = registry;
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            InputStream result = engine.query(sql, parameters, format);
            outcome = "ok";
            return result;
        } catch (QueryLimitException e) {
            outcome = "limit";
            throw e;
        } catch (StorageUnavailableException e) {
            outcome = "unavailable";
            throw e;
        } finally {
            Timer.builder("sightline.read.queries")
                    .description("Reads from ClickHouse, by the feature that issued them")
                    .tag(
                            "feature",
                            STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                                    .filter(TimedClickHouse::issuer)
                                    .findFirst()
                                    .map(FEATURES::get)
                                    .orElse("other")))
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry.get())
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** A Sightline class that reads for a feature: not an engine or decorator, nor the shared JSON reader. */
    private static boolean issuer(Class<?> type) {
        return type.getName().startsWith("io.sightline.")
                && !ClickHouse.class.isAssignableFrom(type)
                && type != JsonRows.class;
    }

    /** The feature tag of a class: its top-level simple name, without "Queries", in kebab case. */
    static String feature(Class<?> type) {
        Class<?> topLevel = type;
        while (topLevel.getEnclosingClass() != null) {
            topLevel = topLevel.getEnclosingClass();
        }
        String name = topLevel.getSimpleName();
        if (name.endsWith("Queries") && name.length() > "Queries".length()) {
            name = name.substring(0, name.length() - "Queries".length());
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
