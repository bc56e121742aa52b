package dev.liaison.profile.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsentFieldMappingTest {

    @Test
    void mapsFieldsToPurposeAndChannel() {
        ConsentFieldMapping mapping = ConsentFieldMapping.parse("UF_CRM_NEWS=marketing_email:email, UF_CRM_SMS = marketing_sms:sms");

        assertThat(mapping.targets()).containsEntry("UF_CRM_NEWS",
                new ConsentFieldMapping.Target("marketing_email", "email"))
                .containsEntry("UF_CRM_SMS", new ConsentFieldMapping.Target("marketing_sms", "sms"));
        assertThat(ConsentFieldMapping.parse(null).targets()).isEmpty();
    }

    @Test
    void malformedEntriesAreNamed() {
        assertThatThrownBy(() -> ConsentFieldMapping.parse("UF_CRM_NEWS=marketing_email"))
                .hasMessageContaining("UF_CRM_NEWS=marketing_email");
    }

    @Test
    void checkboxValuesBecomeDecisions() {
        assertThat(ConsentFieldMapping.decisionOf("Y")).contains(Decision.GRANTED);
        assertThat(ConsentFieldMapping.decisionOf("да")).contains(Decision.GRANTED);
        assertThat(ConsentFieldMapping.decisionOf("0")).contains(Decision.WITHDRAWN);
        assertThat(ConsentFieldMapping.decisionOf(null)).contains(Decision.WITHDRAWN);
        assertThat(ConsentFieldMapping.decisionOf("maybe")).isEmpty();
    }
}
