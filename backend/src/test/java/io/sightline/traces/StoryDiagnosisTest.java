package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.StorySpans;
import io.sightline.span.Span;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnosis headline of each of the five stories, exactly, on the demo's own traces as ingest stores them. */
class StoryDiagnosisTest {

    private static final StorySpans STORIES = StorySpans.generate(42, Instant.parse("2026-11-24T12:00:00Z"));

    @Test
    void storyOneKeepsItsSentenceAboutTheExternalCall() {
        assertThat(diagnose(STORIES.slowCheckout()).summary())
                .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                        + "the bottleneck is an external dependency");
    }

    @Test
    void storyTwoAfterTheDeployNamesTheRepeatedStatement() {
        Diagnosis diagnosis = diagnose(STORIES.productsAfter());

        assertThat(diagnosis.summary())
                .isEqualTo("47 sequential calls of SELECT * FROM product_prices WHERE product_id = $1 "
                        + "account for 871 ms of 895 ms (97 %) — likely N+1 in catalog-service");
        assertThat(diagnosis.groups())
                .extracting(PathGroup::kind)
                .containsExactly(PathGroup.Kind.REPEATED_STATEMENT, PathGroup.Kind.OWN_CODE);
    }

    @Test
    void storyTwoBeforeTheDeployIsOneQuery() {
        assertThat(diagnose(STORIES.productsBefore()).summary())
                .isEqualTo("the database call SELECT product_prices accounts for 30.0 ms of 42.0 ms (71 %); "
                        + "the bottleneck is the database");
    }

    @Test
    void storyThreeLeadsWithTheConsumersFailingSqlAndItsDatabase() {
        Diagnosis diagnosis = diagnose(STORIES.stagingFailure());

        assertThat(diagnosis.summary())
                .isEqualTo("orders.created process in notification-service failed because SELECT email_templates "
                        + "threw PSQLException (\"ERROR: relation \"email_templates\" does not exist\") "
                        + "on postgresql notifications_staging at pg-staging.internal");
        assertThat(diagnosis.groups().getFirst().summary())
                .isEqualTo("waiting in the queue orders.created accounts for 72.0 ms of 155 ms (46 %); "
                        + "the bottleneck is the message queue");
    }

    @Test
    void storyFourLeadsWithTheExceptionAndTheEmptyCartQueryBeforeIt() {
        Diagnosis diagnosis = diagnose(STORIES.failingUserRequest());

        assertThat(diagnosis.summary())
                .isEqualTo("POST /cart/checkout in cart-service failed with HTTP 500 because CheckoutHandler.handle "
                        + "threw EmptyCartException (\"cart of user-4711 is empty\") right after "
                        + "SELECT sku, quantity FROM cart_items WHERE user_id = $1 returned 0 rows");
        assertThat(diagnosis.failure().evidence().returnedRows()).isZero();
    }

    @Test
    void storyFiveACacheMissIsTheDatabase() {
        assertThat(diagnose(STORIES.cacheMiss()).summary())
                .isEqualTo("the database call SELECT prices accounts for 21.0 ms of 27.0 ms (78 %); "
                        + "the bottleneck is the database");
    }

    private static Diagnosis diagnose(List<Span> trace) {
        return TraceService.view(trace.getFirst().traceId(), trace).diagnosis();
    }
}
