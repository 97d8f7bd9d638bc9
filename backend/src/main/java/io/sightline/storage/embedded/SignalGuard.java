package io.sightline.storage.embedded;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JVM's signal handlers in place while chDB starts.
 *
 * <p>ClickHouse installs its own handlers for SIGSEGV, SIGBUS, SIGINT, SIGTERM and others when an
 * engine starts. The JVM relies on its SIGSEGV handler for ordinary null checks and stack banging,
 * so with ClickHouse's handler in place the first {@code NullPointerException} anywhere in the
 * process kills it. The guard saves every handler before chDB starts and puts back those chDB
 * replaced, as {@code libjsig} would for a well-behaved library.
 */
final class SignalGuard {

    private static final Logger log = LoggerFactory.getLogger(SignalGuard.class);

    /** Larger than glibc's {@code struct sigaction} (152 bytes on x86_64 and aarch64). */
    private static final long SIGACTION_BYTES = 256;

    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final int LAST_STANDARD_SIGNAL = 31;

    private static final MethodHandle SIGACTION = Linker.nativeLinker()
            .downcallHandle(
                    Linker.nativeLinker().defaultLookup().find("sigaction").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private SignalGuard() {}

    /** Runs {@code start} (which loads or connects chDB) and restores the JVM's handlers afterwards. */
    static <T> T around(Supplier<T> start) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] saved = new MemorySegment[LAST_STANDARD_SIGNAL + 1];
            for (int signal = 1; signal <= LAST_STANDARD_SIGNAL; signal++) {
                if (signal != SIGKILL && signal != SIGSTOP) {
                    saved[signal] = arena.allocate(SIGACTION_BYTES);
                    sigaction(signal, MemorySegment.NULL, saved[signal]);
                }
            }
            try {
                return start.get();
            } finally {
                List<Integer> restored = restoreChanged(arena, saved);
                if (!restored.isEmpty()) {
                    log.debug("Put back the JVM's handlers for signals {} after chDB replaced them", restored);
                }
            }
        }
    }

    /** Puts back every handler that differs from the saved one; returns those signals. */
    private static List<Integer> restoreChanged(Arena arena, MemorySegment[] saved) {
        List<Integer> restored = new ArrayList<>();
        MemorySegment current = arena.allocate(SIGACTION_BYTES);
        for (int signal = 1; signal < saved.length; signal++) {
            if (saved[signal] == null) {
                continue;
            }
            current.fill((byte) 0);
            sigaction(signal, MemorySegment.NULL, current);
            if (!Arrays.equals(current.toArray(JAVA_BYTE), saved[signal].toArray(JAVA_BYTE))) {
                sigaction(signal, saved[signal], MemorySegment.NULL);
                restored.add(signal);
            }
        }
        return restored;
    }

    private static void sigaction(int signal, MemorySegment action, MemorySegment previous) {
        try {
            int result = (int) SIGACTION.invokeExact(signal, action, previous);
            if (result != 0) {
                throw new IllegalStateException("sigaction(" + signal + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
