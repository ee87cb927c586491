package io.oven.workflows.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses count as internal, in every spelling, and what the allow-list lets through. */
class EgressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "fc00::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "224.0.0.1"})
    void internalAddressesAreRecognised(String address) throws Exception {
        assertThat(EgressPolicy.internal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "100.128.0.1"})
    void publicAddressesAreNot(String address) throws Exception {
        assertThat(EgressPolicy.internal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void anUnlistedHostIsRefusedWhateverItResolvesTo() {
        EgressPolicy policy = new EgressPolicy(List.of("127.0.0.1"));

        assertThat(policy.refusal("127.0.0.1")).isEmpty();
        for (String spelling : List.of("localhost", "127.1", "2130706433", "[::1]", "0.0.0.0", "[::ffff:127.0.0.1]",
                "169.254.169.254", "example.com")) {
            assertThat(policy.refusal(spelling)).as(spelling).hasValueSatisfying(r -> assertThat(r).contains("allow-list"));
        }
    }

    @Test
    void aWildcardNeverCoversAnInternalAddress() {
        EgressPolicy policy = new EgressPolicy(List.of("*.0.0.1"));

        assertThat(policy.refusal("127.0.0.1")).hasValueSatisfying(r -> assertThat(r).contains("internal address"));
    }
}
