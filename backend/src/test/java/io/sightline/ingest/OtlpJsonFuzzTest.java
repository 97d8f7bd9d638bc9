package io.sightline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any JSON body holds the {@link IngestInvariants}. Seeds: {@code OtlpJsonFuzzTestInputs/json}. */
class OtlpJsonFuzzTest {

    @FuzzTest
    void json(byte[] body) {
        IngestInvariants.refusedOrStoredOrRejected(body, OtlpDecoder::json);
    }
}
