package io.sightline.alerts;

import java.util.Optional;

/**
 * The rules' state machine: {@code OK} → {@code FIRING} when the condition holds, {@code FIRING} →
 * {@code RESOLVED} when it stops holding, {@code RESOLVED} → {@code FIRING} when it holds again. A
 * resolved rule stays {@code RESOLVED} (it behaves as {@code OK}) until then, so every transition is
 * news worth one notification. A deploy rule fires again for each new deploy that regressed, even
 * while firing for an earlier one.
 */
final class Transitions {

    private Transitions() {}

    /** What an evaluation found. */
    enum Condition {
        /** The threshold is crossed. */
        HOLDS,
        /** The threshold is not crossed (a window without requests crosses no latency or error-rate line). */
        CLEAR,
        /** A deploy that had not fired the rule yet regressed. */
        NEW_INCIDENT,
        /** Nothing to judge: a deploy rule without a new deploy, or one still without requests. */
        NOTHING
    }

    /** The state to move to, or empty to stay. */
    static Optional<AlertState> next(AlertState current, Condition condition) {
        return switch (condition) {
            case HOLDS -> current == AlertState.FIRING ? Optional.empty() : Optional.of(AlertState.FIRING);
            case CLEAR -> current == AlertState.FIRING ? Optional.of(AlertState.RESOLVED) : Optional.empty();
            case NEW_INCIDENT -> Optional.of(AlertState.FIRING);
            case NOTHING -> Optional.empty();
        };
    }
}
