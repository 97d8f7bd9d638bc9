package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admission budget's arithmetic: reservations, growth, the cap on requests, and the return of both. */
class IngestAdmissionTest {

    /** Two requests, 1,000 bytes of memory, 10 bytes per body byte: 100 body bytes in flight. */
    private final IngestAdmission admission = new IngestAdmission(2, 1_000, 10);

    @Test
    void aRequestReservesItsBodyTimesTheMultiplierUntilItIsAnswered() {
        IngestAdmission.Ticket first = admission.admit(60);

        assertThat(admission.availableBytes()).isEqualTo(400);
        assertThat(admission.admit(41)).as("410 bytes do not fit the 400 left").isNull();
        assertThat(admission.inFlight()).as("a refused request holds no place").isEqualTo(1);
        first.close();
        first.close();
        assertThat(admission.availableBytes()).isEqualTo(1_000);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aGrowingBodyReservesMoreOrIsStopped() {
        IngestAdmission.Ticket reading = admission.admit(10);
        IngestAdmission.Ticket other = admission.admit(50);

        assertThat(reading.grow(40)).isTrue();
        assertThat(admission.availableBytes()).isEqualTo(100);
        assertThat(reading.grow(60))
                .as("600 bytes where 500 at most could be had")
                .isFalse();
        assertThat(reading.bodyBytes()).isEqualTo(40);
        reading.close();
        other.close();
        assertThat(admission.availableBytes()).isEqualTo(1_000);
    }

    @Test
    void beyondTheCapOnRequestsNothingIsAdmittedWhateverTheRoom() {
        IngestAdmission.Ticket first = admission.admit(1);
        IngestAdmission.Ticket second = admission.admit(1);

        assertThat(admission.admit(1)).isNull();
        second.close();
        assertThat(admission.admit(1)).isNotNull();
        first.close();
    }

    @Test
    void aBodyLargerThanTheWholeBudgetTakesAllOfItAndRunsAlone() {
        IngestAdmission.Ticket huge = admission.admit(5_000);

        assertThat(huge).isNotNull();
        assertThat(admission.availableBytes()).isZero();
        assertThat(admission.admit(1)).isNull();
        assertThat(huge.grow(10_000)).isTrue();
        huge.close();
        assertThat(admission.availableBytes()).isEqualTo(1_000);
    }
}
