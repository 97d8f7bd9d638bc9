package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.ingest.IngestOutcome.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Outcomes answered as a Zipkin server answers them. */
class ZipkinHttpApiTest {

    @Test
    void committedSpansAre202AndWhatWasRejectedIsSaid() {
        ResponseEntity<String> all = ZipkinHttpApi.answer(new IngestOutcome.Accepted(3, 0, null, null));
        ResponseEntity<String> some =
                ZipkinHttpApi.answer(new IngestOutcome.Accepted(1, 2, "span without a name", null));

        assertThat(all.getStatusCode().value()).isEqualTo(202);
        assertThat(all.getBody()).isNull();
        assertThat(some.getStatusCode().value()).isEqualTo(202);
        assertThat(some.getBody()).isEqualTo("2 span(s) rejected; first: span without a name");
    }

    @Test
    void overCapacityIs429AndStorageTrouble503BothWithRetryAfter() {
        ResponseEntity<String> full = ZipkinHttpApi.answer(new IngestOutcome.Refused(Refusal.OVERLOADED, "full"));
        ResponseEntity<String> quota =
                ZipkinHttpApi.answer(new IngestOutcome.Refused(Refusal.QUOTA_EXCEEDED, "over quota"));
        ResponseEntity<String> disk =
                ZipkinHttpApi.answer(new IngestOutcome.Refused(Refusal.STORAGE_FULL, "out of disk space"));

        assertThat(full.getStatusCode().value()).isEqualTo(429);
        assertThat(full.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(full.getBody()).isEqualTo("full");
        assertThat(quota.getStatusCode().value()).isEqualTo(429);
        assertThat(disk.getStatusCode().value()).isEqualTo(503);
        assertThat(disk.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(disk.getBody()).isEqualTo("out of disk space");
    }

    @Test
    void dataTheEngineRefusesIs400WithoutRetryAfter() {
        ResponseEntity<String> invalid =
                ZipkinHttpApi.answer(new IngestOutcome.Refused(Refusal.INVALID_DATA, "bad value"));

        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(invalid.getBody()).isEqualTo("bad value");
    }
}
