package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivateHostsTest {

    private final SettingCheck outbound = SettingChecks.outboundUrl();

    @Test
    void outboundUrlsMayNotNameThisMachineOrPrivateNetworks() {
        for (String url : new String[] {"http://127.0.0.1:10290", "https://127.0.0.1:9990/management",
                "https://localhost", "https://LOCALHOST.", "https://api.localhost", "https://[::1]:9990",
                "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5", "https://172.16.0.1",
                "https://172.31.255.255", "https://192.168.1.1", "https://0.0.0.0", "https://[::]",
                "https://[fd00::1]", "https://[fc00::1]", "https://[fe80::1]", "https://[::ffff:127.0.0.1]",
                "https://[::ffff:169.254.169.254]", "https://[::127.0.0.1]", "https://127.1", "https://2130706433",
                "https://0x7f.0.0.1", "https://0177.0.0.1", "https://100.64.0.1", "https://224.0.0.1"}) {
            assertThat(outbound.problem(url)).as(url).isPresent();
        }
    }

    @Test
    void publicHostsAndAddressesPass() {
        for (String url : new String[] {"https://acme.zendesk.com", "https://example.bitrix24.ru/rest/1/abc/",
                "https://8.8.8.8", "https://172.32.0.1", "https://192.169.0.1", "https://[2001:db8::1]",
                "https://10.example.com", "https://localhost.example.com"}) {
            assertThat(outbound.problem(url)).as(url).isEmpty();
        }
    }

    @Test
    void theOperatorFlagLetsLocalFakesThroughButStillChecksTheUrl() {
        String before = System.getProperty(SettingChecks.ALLOW_PRIVATE_HOSTS);
        System.setProperty(SettingChecks.ALLOW_PRIVATE_HOSTS, "true");
        try {
            assertThat(outbound.problem("http://127.0.0.1:10290")).isEmpty();
            assertThat(outbound.problem("http://10.0.0.5")).as("plain http stays loopback-only").isPresent();
            assertThat(outbound.problem("javascript:alert(1)")).isPresent();
        } finally {
            if (before == null) {
                System.clearProperty(SettingChecks.ALLOW_PRIVATE_HOSTS);
            } else {
                System.setProperty(SettingChecks.ALLOW_PRIVATE_HOSTS, before);
            }
        }
    }
}
