package io.sightline.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which webhook URLs a rule may use: absolute http or https with a host, and, unless the
 * administrator allowed it ({@code sightline.alerts.webhooks.allow-private-addresses}), a host that
 * resolves only to public addresses. Checked when a rule is saved and again before each delivery, since
 * a name can be pointed elsewhere after it was saved.
 */
public final class WebhookUrls {

    private final boolean allowPrivateAddresses;

    public WebhookUrls(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** What is wrong with the URL, as a sentence for a 400; empty when it may be used. */
    public Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("webhookUrl is not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("webhookUrl must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("webhookUrl has no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("webhookUrl must not carry a user name or password; put a token in its path or query");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return Optional.of(
                            "webhookUrl points at a private address (" + address.getHostAddress()
                                    + "); an administrator can allow that with sightline.alerts.webhooks.allow-private-addresses");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("webhookUrl's host " + uri.getHost() + " does not resolve");
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || sharedV4;
    }
}
