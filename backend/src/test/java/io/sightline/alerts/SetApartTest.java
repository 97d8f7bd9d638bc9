package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.latency.SlowRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetApartTest {

    @Test
    void callsThatDifferThenOverRepresentedValuesAtMostThreeEach() {
        var calls = List.of(
                new SlowRequests.CallDifference("POST stripe.com/v1/charges", 1, 1, 940, 140),
                new SlowRequests.CallDifference("SELECT * FROM product_prices WHERE id = $1", 47, 1, 400, 9),
                new SlowRequests.CallDifference("auth.verify", 1, 1, 15.4, 15),
                new SlowRequests.CallDifference("a", 1, 1, 30, 10),
                new SlowRequests.CallDifference("b", 1, 1, 20, 10));
        var attributes = List.of(
                new SlowRequests.OverRepresented("region", "eu-west", 2, 1, 1.0, 0.0125),
                new SlowRequests.OverRepresented("k2", "v", 2, 1, 1.0, 0.5),
                new SlowRequests.OverRepresented("k3", "v", 2, 1, 1.0, 0.6),
                new SlowRequests.OverRepresented("k4", "v", 2, 1, 1.0, 0.7));

        List<String> sentences = SetApart.sentences(new SlowRequests.Difference(99, 1200, 2, 80, calls, attributes));

        assertThat(sentences)
                .containsExactly(
                        "POST stripe.com/v1/charges takes 940 ms per request in the 2 requests at or above p99 (1.20 s) "
                                + "against 140 ms in the rest.",
                        "SELECT * FROM product_prices WHERE id = $1 takes 400 ms per request in the 2 requests at or "
                                + "above p99 (1.20 s) against 9.00 ms in the rest, called 47 times per request against 1.",
                        "a takes 30.0 ms per request in the 2 requests at or above p99 (1.20 s) against 10.0 ms in the rest.",
                        "region=eu-west is on 100 % of the 2 requests at or above p99 (1.20 s) against 1.3 % of the rest.",
                        "k2=v is on 100 % of the 2 requests at or above p99 (1.20 s) against 50 % of the rest.",
                        "k3=v is on 100 % of the 2 requests at or above p99 (1.20 s) against 60 % of the rest.");
    }

    @Test
    void nothingIsSaidWithoutSlowRequestsOrWithoutOthers() {
        var call = List.of(new SlowRequests.CallDifference("x", 1, 1, 900, 1));

        assertThat(SetApart.sentences(new SlowRequests.Difference(95, 0, 0, 10, call, List.of())))
                .isEmpty();
        assertThat(SetApart.sentences(new SlowRequests.Difference(95, 5, 10, 0, call, List.of())))
                .isEmpty();
    }
}
