package io.oven.workflows.registry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which hosts outbound calls (api-call nodes over HTTP, OpenAPI documents fetched by URL) may
 * reach: only those on {@code oven.egress.allowed-hosts} ({@code api.example.com}, {@code *.example.com},
 * {@code 10.0.0.5}), and of those none that resolves to a loopback, private, link-local,
 * unique-local, carrier-grade-NAT, multicast or unspecified address (the cloud metadata
 * address included) unless that very name or address is listed. Checked after DNS resolution,
 * and again on every redirect. The service's own modules are called in-process and need no entry.
 */
public final class EgressPolicy {

    private final List<String> allowed;

    public EgressPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    public List<String> allowed() {
        return allowed;
    }

    /** Why {@code host} may not be reached, or empty when it may. */
    public Optional<String> refusal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        boolean listed = allowed.contains(name) || allowed.contains(bare);
        boolean wildcard = allowed.stream().anyMatch(a -> a.startsWith("*.") && bare.endsWith(a.substring(1)));
        if (!listed && !wildcard) {
            return Optional.of("host " + host + " is not on the egress allow-list (oven.egress.allowed-hosts)");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        if (listed) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("host " + host + " resolves to " + address.getHostAddress() + ", an internal "
                        + "address: list the name itself to allow it");
            }
        }
        return Optional.empty();
    }

    /** Loopback, private, link-local (169.254/16: cloud metadata), unique-local, CGNAT, multicast, unspecified. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128 || first >= 240;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
