package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicUrlTest {

    @Test
    void aConfiguredUrlIsTheBaseWithoutItsTrailingSlash() {
        PublicUrl url = new PublicUrl("https://sightline.example.com/ ");

        assertThat(url.base()).isEqualTo("https://sightline.example.com");
        assertThat(url.of("/traces/abc")).isEqualTo("https://sightline.example.com/traces/abc");
        assertThat(new PublicUrl("http://proxy:8443/sightline").of("/traces/abc"))
                .isEqualTo("http://proxy:8443/sightline/traces/abc");
    }

    @Test
    void unsetItIsLocalhostOnTheDefaultPortUntilTheServerListens() {
        assertThat(new PublicUrl("").base()).isEqualTo("http://localhost:8080");
    }

    @Test
    void anythingButAnAbsoluteHttpUrlWithoutQueryStopsTheStart() {
        for (String bad :
                new String[] {"sightline.example.com", "ftp://example.com", "https://example.com/?a=b", "/x"}) {
            assertThatThrownBy(() -> new PublicUrl(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("sightline.public-url must be an absolute http or https URL")
                    .hasMessageEndingWith(bad);
        }
    }
}
