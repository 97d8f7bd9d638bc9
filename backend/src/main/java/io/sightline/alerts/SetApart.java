package io.sightline.alerts;

import io.sightline.latency.SlowRequests;
import io.sightline.web.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The slow-versus-rest result ({@link SlowRequests.Difference}) as the sentences a notification
 * carries: the calls whose time per request differs most, then the attribute values most
 * over-represented among the slow requests, at most {@link #PER_KIND} of each. Operation names and
 * attribute values come from spans: the payloads escape them for their format.
 */
final class SetApart {

    static final int PER_KIND = 3;

    /** Calls that differ by less than this per request say nothing worth reading at 3 a.m. */
    private static final double MIN_MS_DIFFERENCE = 1;

    private SetApart() {}

    static List<String> sentences(SlowRequests.Difference difference) {
        if (difference.slowRequests() == 0 || difference.otherRequests() == 0) {
            return List.of();
        }
        String slow = "the " + Formats.count(difference.slowRequests(), "request") + " at or above p"
                + percentile(difference.percentile()) + " (" + Formats.duration(difference.thresholdMs()) + ")";
        List<String> sentences = new ArrayList<>();
        difference.calls().stream()
                .filter(call -> Math.abs(call.msPerSlowRequest() - call.msPerOtherRequest()) >= MIN_MS_DIFFERENCE)
                .limit(PER_KIND)
                .forEach(call -> sentences.add(call(call, slow)));
        difference.attributes().stream()
                .limit(PER_KIND)
                .forEach(attribute -> sentences.add(attribute.key() + "=" + attribute.value() + " is on "
                        + Formats.percent(attribute.slowShare()) + " of " + slow + " against "
                        + Formats.percent(attribute.otherShare()) + " of the rest."));
        return sentences;
    }

    private static String call(SlowRequests.CallDifference call, String slow) {
        String sentence = call.operation() + " takes " + Formats.duration(call.msPerSlowRequest()) + " per request in "
                + slow + " against " + Formats.duration(call.msPerOtherRequest()) + " in the rest";
        if (call.callsPerSlowRequest() != call.callsPerOtherRequest()) {
            sentence += ", called " + Formats.number(call.callsPerSlowRequest()) + " times per request against "
                    + Formats.number(call.callsPerOtherRequest());
        }
        return sentence + ".";
    }

    private static String percentile(double percentile) {
        return percentile == Math.rint(percentile)
                ? Long.toString((long) percentile)
                : String.format(Locale.ROOT, "%s", percentile);
    }
}
