package io.sightline.alerts;

import static io.sightline.alerts.AlertState.FIRING;
import static io.sightline.alerts.AlertState.OK;
import static io.sightline.alerts.AlertState.RESOLVED;
import static io.sightline.alerts.Transitions.Condition.CLEAR;
import static io.sightline.alerts.Transitions.Condition.HOLDS;
import static io.sightline.alerts.Transitions.Condition.NEW_INCIDENT;
import static io.sightline.alerts.Transitions.Condition.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    @Test
    void okFiresWhenTheConditionHoldsAndStaysWhenItDoesNot() {
        assertThat(Transitions.next(OK, HOLDS)).contains(FIRING);
        assertThat(Transitions.next(OK, CLEAR)).isEmpty();
        assertThat(Transitions.next(OK, NOTHING)).isEmpty();
    }

    @Test
    void firingResolvesWhenTheConditionStopsAndOnlyThen() {
        assertThat(Transitions.next(FIRING, HOLDS)).isEmpty();
        assertThat(Transitions.next(FIRING, NOTHING)).isEmpty();
        assertThat(Transitions.next(FIRING, CLEAR)).contains(RESOLVED);
    }

    @Test
    void resolvedFiresAgainOrStays() {
        assertThat(Transitions.next(RESOLVED, HOLDS)).contains(FIRING);
        assertThat(Transitions.next(RESOLVED, CLEAR)).isEmpty();
    }

    @Test
    void aNewIncidentFiresFromAnyStateEvenFiring() {
        for (AlertState state : AlertState.values()) {
            assertThat(Transitions.next(state, NEW_INCIDENT)).contains(FIRING);
        }
    }

    @Test
    void aSequenceOfEvaluationsGivesOneTransitionPerChange() {
        List<Transitions.Condition> seen = List.of(CLEAR, HOLDS, HOLDS, HOLDS, CLEAR, CLEAR, HOLDS, CLEAR);
        List<AlertState> moves = new ArrayList<>();
        AlertState state = OK;
        for (Transitions.Condition condition : seen) {
            Optional<AlertState> next = Transitions.next(state, condition);
            if (next.isPresent()) {
                moves.add(next.get());
                state = next.get();
            }
        }
        assertThat(moves).containsExactly(FIRING, RESOLVED, FIRING, RESOLVED);
    }
}
