package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SlackPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void blocksLinkEachExemplarToItsTraceAndEscapeSpanText() {
        byte[] body = new SlackPayload().body(Notifications.firing(NotificationFormat.SLACK));

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {
                  "text": "FIRING: checkout p99: p99 of checkout-service POST /checkout is 1.20 s, above the line of 1.00 s (2026-11-30 12:00–12:30 UTC)",
                  "blocks": [
                    {
                      "type": "section",
                      "text": {
                        "type": "mrkdwn",
                        "text": "*FIRING: checkout p99*\\np99 of checkout-service POST /checkout is 1.20 s, above the line of 1.00 s (2026-11-30 12:00–12:30 UTC)"
                      }
                    },
                    {
                      "type": "section",
                      "text": {
                        "type": "mrkdwn",
                        "text": "*Traces that crossed the line*\\n• <https://sightline.example.com/traces/4bf92f3577b34da6a3ce929d0e0e4736|1.20 s trace 4bf92f3577b3>: the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); the bottleneck is an external dependency"
                      }
                    },
                    {
                      "type": "section",
                      "text": {
                        "type": "mrkdwn",
                        "text": "*What sets the slow requests apart*\\n• region=\\"eu\\"\\n&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"
                      }
                    },
                    {
                      "type": "context",
                      "elements": [{"type": "mrkdwn", "text": "Sightline · rule 7 · event 42"}]
                    }
                  ]
                }
                """));
    }

    @Test
    void withoutEvidenceOnlyTheSummaryAndTheFooterAreSent() {
        Notification quiet = Notifications.of(
                AlertState.RESOLVED, true, NotificationFormat.SLACK, Notifications.checkoutBreach(), Evidence.none());

        var body = JSON.readTree(new SlackPayload().body(quiet));

        assertThat(body.get("text").asString())
                .isEqualTo("TEST RESOLVED: checkout p99: p99 of checkout-service POST /checkout is 1.20 s, "
                        + "no longer above the line of 1.00 s (2026-11-30 12:00–12:30 UTC)");
        assertThat(body.get("blocks")
                        .valueStream()
                        .map(block -> block.get("type").asString()))
                .containsExactly("section", "context");
    }

    @Test
    void slackEscapesOnlyAmpersandAndAngleBrackets() {
        assertThat(SlackPayload.escape("a & b <c> *d* _e_")).isEqualTo("a &amp; b &lt;c&gt; *d* _e_");
        assertThat(List.of(SlackPayload.escape("&amp;"))).containsExactly("&amp;amp;");
    }
}
