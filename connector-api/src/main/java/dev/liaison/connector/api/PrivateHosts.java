package dev.liaison.connector.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hosts of URLs that must not be called on a CRM admin's say-so: this machine and the networks around it, where
 * the management port, databases and cloud metadata services live. Only the URL's own text is judged, never DNS: a
 * public name that resolves to a private address (DNS rebinding) is not caught here.
 */
final class PrivateHosts {

    /** A label as the C resolver's inet_aton reads it: decimal, octal or hex, so {@code 0x7f.1} is 127.0.0.1. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private PrivateHosts() {
    }

    /** True for localhost names, and for literal addresses that are not public unicast. */
    static boolean isPrivate(String uriHost) {
        String host = uriHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || "localhost".equals(host) || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return literal(host.substring(1, host.length() - 1)).map(PrivateHosts::isPrivate).orElse(true);
        }
        boolean numeric = true;
        for (String label : host.split("\\.", -1)) {
            numeric &= NUMERIC_LABEL.matcher(label).matches();
        }
        if (!numeric) {
            return false;
        }
        // 127.1, 2130706433, 0177.0.0.1 and 0x7f.0.0.1 all reach 127.0.0.1 through the resolver: only the plain
        // dotted quad is judged by its address, every other all-numeric host is refused.
        return !DOTTED_QUAD.matcher(host).matches() || literal(host).map(PrivateHosts::isPrivate).orElse(true);
    }

    private static java.util.Optional<InetAddress> literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return java.util.Optional.empty(); // e.g. a zone id: not a plain literal
        }
        try {
            // A literal address is parsed, never looked up.
            return java.util.Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT, 100.64/10
                    || first == 255; // broadcast
        }
        if (address instanceof Inet6Address) {
            // unique local fc00::/7; IPv4-compatible ::a.b.c.d is judged by its IPv4 address
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= bytes[i] == 0;
            }
            if (compatible) {
                byte[] v4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
                try {
                    return isPrivate(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
