package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Engine errors become typed failures: a full disk, a transient failure, or the statement's own. */
class ClickHouseExceptionTest {

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
    void transientCodesAreUnavailableAndOthersTheStatementsOwn() {
        assertThat(ClickHouseException.fromEngineMessage("Code: 241. DB::Exception: Memory limit exceeded"))
                .isExactlyInstanceOf(StorageUnavailableException.class);
        assertThat(ClickHouseException.fromEngineMessage("Code: 62. DB::Exception: Syntax error"))
                .isExactlyInstanceOf(ClickHouseException.class)
                .hasMessage("Code: 62. DB::Exception: Syntax error");
    }

    @Test
    void serverErrorsAreClassifiedTheSameWay() {
        assertThat(ClickHouseException.of("Cannot reserve 1.00 MiB, not enough space", 243, null))
                .isInstanceOf(StorageFullException.class);
    }
}
