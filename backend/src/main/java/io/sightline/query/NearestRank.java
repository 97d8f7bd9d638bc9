package io.sightline.query;

/**
 * The one definition of a percentile on raw spans: nearest rank, the ceil(q·n)-th smallest value
 * (1-based), 0 when there are none. {@link RequestStats} uses it for every window up to
 * {@link TimeWindow#RAW_UP_TO}, so the overview, the endpoint page, search's "above pXX", the
 * comparison and the slow-request split agree on every number and link.
 */
public final class NearestRank {

    private NearestRank() {}

    /** The values of {@code column} in the group, ascending: the array {@link #of} indexes. */
    public static String sorted(String column) {
        return "arraySort(groupArray(" + column + "))";
    }

    /** The {@code quantile}'s nearest rank in an ascending array of {@code count} values (all SQL expressions). */
    public static String of(String sortedArray, String quantile, String count) {
        return "arrayElement(" + sortedArray + ", toUInt64(ceil(" + quantile + " * " + count + ")))";
    }

    /** The {@code quantile}'s nearest rank of {@code column} over the group, as one aggregate expression. */
    public static String over(String column, String quantile) {
        return of(sorted(column), quantile, "count()");
    }
}
