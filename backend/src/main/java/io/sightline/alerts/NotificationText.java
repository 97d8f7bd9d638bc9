package io.sightline.alerts;

import io.sightline.web.Formats;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every format says in words: a title ({@code FIRING: checkout p99}) and one summary sentence
 * (the metric, its value against the line, the window; for a deploy rule, the versions and the
 * comparison's finding), numbers printed as the pages print them. Plain text: each format escapes it.
 */
final class NotificationText {

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NotificationText() {}

    static String title(Notification notification) {
        return (notification.test() ? "TEST " : "") + notification.state().name() + ": " + notification.ruleName();
    }

    static String summary(Notification notification) {
        Breach breach = notification.breach();
        if (breach.deploy() != null) {
            Breach.DeployRegression deploy = breach.deploy();
            return breach.service() + " " + deploy.version() + " against " + deploy.previousVersion() + ": "
                    + deploy.finding() + " (" + window(breach) + ")";
        }
        String subject = breach.metric().apiName() + " of " + breach.service()
                + (breach.endpoint() == null ? "" : " " + breach.endpoint());
        String relation =
                notification.state() == AlertState.RESOLVED ? "no longer " + breach.operator() : breach.operator();
        return subject + " is " + value(breach.metric(), breach.value()) + ", " + relation + " the line of "
                + value(breach.metric(), breach.threshold()) + " (" + window(breach) + ")";
    }

    /** The metric's unit as the JSON payload names it; null for a deploy's N+1, which has no number. */
    static String unit(AlertMetric metric) {
        if (metric == null) {
            return null;
        }
        return switch (metric) {
            case ERROR_RATE -> "ratio";
            case THROUGHPUT -> "requests/min";
            default -> "ms";
        };
    }

    static String value(AlertMetric metric, double value) {
        return switch (metric) {
            case ERROR_RATE -> Formats.percent(value);
            case THROUGHPUT -> Formats.number(value) + " requests/min";
            default -> Formats.duration(value);
        };
    }

    /** One exemplar in a line: duration, trace ID, diagnosis. */
    static String exemplar(Evidence.Exemplar exemplar) {
        return Formats.duration(exemplar.durationMs()) + " trace " + exemplar.traceId()
                + (exemplar.diagnosis() == null ? "" : ": " + exemplar.diagnosis());
    }

    /** {@code 2026-11-30 12:00–12:30 UTC}, the day repeated only when the window crosses midnight. */
    static String window(Breach breach) {
        String from = DAY_AND_TIME.format(breach.from());
        String to =
                from.substring(0, 10).equals(DAY_AND_TIME.format(breach.to()).substring(0, 10))
                        ? TIME.format(breach.to())
                        : DAY_AND_TIME.format(breach.to());
        return from + "–" + to + " UTC";
    }
}
