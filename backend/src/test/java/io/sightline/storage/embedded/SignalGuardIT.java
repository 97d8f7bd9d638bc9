package io.sightline.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With chDB running in this JVM, a null dereference in JIT-compiled code must still become a
 * {@link NullPointerException}: HotSpot turns it into one from its own SIGSEGV handler, which
 * ClickHouse replaces on start unless {@link SignalGuard} puts it back. Without the guard this
 * test does not fail, it kills the JVM.
 */
class SignalGuardIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Test
    void implicitNullChecksStillThrowAfterTheEngineStarted() {
        assertThat(clickHouse.version()).isNotBlank();
        long total = 0;
        // Warm up until the JIT compiles length() with an implicit (signal-based) null check.
        for (int i = 0; i < 200_000; i++) {
            total += length("span");
        }
        assertThat(total).isEqualTo(800_000);
        assertThatThrownBy(() -> length(null)).isInstanceOf(NullPointerException.class);
        assertThat(clickHouse.version()).isNotBlank();
    }

    private static int length(String text) {
        return text.length();
    }
}
