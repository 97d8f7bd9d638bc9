package io.sightline.alerts;

import io.sightline.web.Formats;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming-webhook message (also taken by Mattermost and Rocket.Chat): {@code text}, the
 * fallback notifications show, and Block Kit {@code blocks} — the title, the summary, the exemplars as
 * mrkdwn links to their trace pages with their diagnosis, and what sets the slow requests apart.
 * Every text from spans or rules goes through {@link #escape}: Slack reads {@code <…>} as links and
 * mentions, so {@code &}, {@code <} and {@code >} are written as entities, as Slack asks.
 */
final class SlackPayload implements Payload {

    /** Slack refuses a section's text over 3,000 characters; one line never needs more than this. */
    static final int MAX_LINE = 500;

    @Override
    public ObjectNode tree(Notification notification) {
        String title = escape(NotificationText.title(notification));
        String summary = escape(NotificationText.summary(notification));
        ObjectNode body = JSON.createObjectNode();
        body.put("text", title + ": " + summary);
        ArrayNode blocks = body.putArray("blocks");
        section(blocks, "*" + title + "*\n" + summary);
        Evidence evidence = notification.evidence();
        if (!evidence.exemplars().isEmpty()) {
            section(
                    blocks,
                    "*Traces that crossed the line*\n"
                            + String.join(
                                    "\n",
                                    evidence.exemplars().stream()
                                            .map(SlackPayload::exemplar)
                                            .toList()));
        }
        if (!evidence.setApart().isEmpty()) {
            section(blocks, "*What sets the slow requests apart*\n" + bullets(evidence.setApart()));
        }
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode footer = context.putArray("elements").addObject();
        footer.put("type", "mrkdwn");
        footer.put("text", "Sightline · rule " + notification.ruleId() + " · event " + notification.eventId());
        return body;
    }

    /** {@code • <link|1.20 s trace abc…>: diagnosis}. */
    private static String exemplar(Evidence.Exemplar exemplar) {
        String label = escape(Formats.duration(exemplar.durationMs()) + " trace "
                + exemplar.traceId()
                        .substring(0, Math.min(12, exemplar.traceId().length())));
        String diagnosis = exemplar.diagnosis() == null ? "" : ": " + escape(cut(exemplar.diagnosis()));
        // A link's URL is ours (the public URL and a hex trace ID); only | would end it early.
        return "• <" + escape(exemplar.link()).replace("|", "%7C") + "|" + label + ">" + diagnosis;
    }

    private static String bullets(List<String> lines) {
        return String.join(
                "\n", lines.stream().map(line -> "• " + escape(cut(line))).toList());
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", mrkdwn);
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
    }

    /** Slack's escaping of message text: {@code &}, {@code <}, {@code >} as HTML entities, nothing else. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
