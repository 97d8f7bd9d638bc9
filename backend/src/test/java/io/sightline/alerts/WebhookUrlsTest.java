package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    private final WebhookUrls publicOnly = new WebhookUrls(false);
    private final WebhookUrls anyAddress = new WebhookUrls(true);

    @Test
    void onlyAbsoluteHttpOrHttpsUrlsWithAHostAndNoCredentials() {
        assertThat(publicOnly.problem("not a url at all")).contains("webhookUrl is not a URL");
        assertThat(publicOnly.problem(null)).contains("webhookUrl is not a URL");
        assertThat(publicOnly.problem("ftp://93.184.215.14/hook")).contains("webhookUrl must be an http or https URL");
        assertThat(publicOnly.problem("/relative/hook")).contains("webhookUrl must be an http or https URL");
        assertThat(publicOnly.problem("https:///hook")).contains("webhookUrl has no host");
        assertThat(publicOnly.problem("https://user:secret@93.184.215.14/hook"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("webhookUrl must not carry a user name"));
        assertThat(publicOnly.problem("https://93.184.215.14/hook")).isEmpty();
        assertThat(publicOnly.problem("HTTP://93.184.215.14:8080/hook?token=x")).isEmpty();
    }

    @Test
    void privateLoopbackLinkLocalAndSharedAddressesAreRefusedUnlessAllowed() {
        for (String host : new String[] {
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "[::1]",
            "[fd00::1]",
            "[fe80::1]",
            "localhost"
        }) {
            String url = "http://" + host + "/hook";
            assertThat(publicOnly.problem(url))
                    .as(url)
                    .hasValueSatisfying(problem -> assertThat(problem)
                            .startsWith("webhookUrl points at a private address")
                            .endsWith("sightline.alerts.webhooks.allow-private-addresses"));
            assertThat(anyAddress.problem(url)).as(url + " when allowed").isEmpty();
        }
    }

    @Test
    void addressesJustOutsideThePrivateRangesArePublic() throws Exception {
        for (String address : new String[] {"172.32.0.1", "100.128.0.1", "192.169.0.1", "8.8.8.8", "2001:4860::8888"}) {
            assertThat(WebhookUrls.isPrivate(InetAddress.getByName(address)))
                    .as(address)
                    .isFalse();
        }
    }

    @Test
    void aHostThatDoesNotResolveIsNamed() {
        assertThat(publicOnly.problem("https://no-such-host.invalid/hook"))
                .contains("webhookUrl's host no-such-host.invalid does not resolve");
    }
}
