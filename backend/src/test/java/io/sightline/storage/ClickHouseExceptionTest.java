package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Engine errors become typed failures: a read limit reached, a full disk, storage busy, or the engine's refusal. */
class ClickHouseExceptionTest {

    @Test
    void readLimitsAreTypedByLimit() {
        assertThat(limit("Code: 159. DB::Exception: Timeout exceeded: elapsed 1.0 s, maximum: 1 s. (TIMEOUT_EXCEEDED)"))
                .isEqualTo(QueryLimitException.Limit.TIME);
        assertThat(
                        limit(
                                "Code: 241. DB::Exception: Query memory limit exceeded: would use 2.00 GiB. (MEMORY_LIMIT_EXCEEDED)"))
                .isEqualTo(QueryLimitException.Limit.MEMORY);
        assertThat(limit("Code: 396. DB::Exception: Limit for result exceeded, max rows: 1.00 thousand."
                        + " (TOO_MANY_ROWS_OR_BYTES)"))
                .isEqualTo(QueryLimitException.Limit.RESULT_SIZE);
        assertThat(limit("Code: 158. DB::Exception: Limit for rows to read exceeded. (TOO_MANY_ROWS)"))
                .isEqualTo(QueryLimitException.Limit.RESULT_SIZE);
    }

    @Test
    void aLimitIsStillStorageUnavailableForIngestAndOtherCodesKeepTheirType() {
        assertThat(ClickHouseException.fromEngineMessage("Code: 241. DB::Exception: memory"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(ClickHouseException.fromEngineMessage("Code: 209. DB::Exception: socket timeout"))
                .isExactlyInstanceOf(StorageUnavailableException.class);
        assertThat(ClickHouseException.fromEngineMessage("Code: 62. DB::Exception: Syntax error"))
                .isExactlyInstanceOf(ClickHouseException.class);
    }

    @Test
    void theReaderIsToldTheLimitAndWhatToDoNotTheEnginesText() {
        QueryLimitException e = (QueryLimitException)
                ClickHouseException.fromEngineMessage("Code: 159. DB::Exception: Timeout exceeded (TIMEOUT_EXCEEDED)");
        assertThat(e.explanation())
                .isEqualTo("the query ran longer than a read may (sightline.storage.read.max-execution-time):"
                        + " narrow the time range or the filters, or try again when the system is less busy")
                .doesNotContain("DB::Exception");
        assertThat(e.code()).isEqualTo(159);
    }

    @Test
    void notEnoughSpaceIsAFullDisk() {
        ClickHouseException failure = ClickHouseException.fromEngineMessage(
                "Code: 243. DB::Exception: Cannot reserve 1.00 MiB, not enough space. (NOT_ENOUGH_SPACE)");

        assertThat(failure).isInstanceOf(StorageFullException.class);
        assertThat(failure.code()).isEqualTo(243);
    }

    @Test
    void aWriteTheOsRefusedForSpaceIsAFullDiskWhateverItsCode() {
        ClickHouseException failure = ClickHouseException.fromEngineMessage(
                "Code: 75. DB::ErrnoException: Cannot write to file /data/tmp_insert_all_1_1_0/data.bin, errno: 28,"
                        + " strerror: No space left on device. (CANNOT_WRITE_TO_FILE_DESCRIPTOR)");

        assertThat(failure).isInstanceOf(StorageFullException.class);
        assertThat(failure.code()).isEqualTo(75);
    }

    @Test
    void serverErrorsAreClassifiedTheSameWay() {
        assertThat(ClickHouseException.of("Cannot reserve 1.00 MiB, not enough space", 243, null))
                .isInstanceOf(StorageFullException.class);
    }

    private static QueryLimitException.Limit limit(String message) {
        return ((QueryLimitException) ClickHouseException.fromEngineMessage(message)).limit();
    }
}
