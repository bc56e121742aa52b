package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileAnswerTest {

    @Test
    void readsTheIdOfTheOneProfileFound() throws RequestFailed {
        String body = "[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"status\":\"ACTIVE\",\"identities\":"
                + "[{\"kind\":\"EMAIL\",\"value\":\"person-1@example.com\"}],\"merges\":[{\"id\":\"other\"}]}]";

        assertThat(ProfileAnswer.singleProfileId(body)).isEqualTo("00000000-0000-4000-8000-000000000001");
    }

    @Test
    void anythingButExactlyOneProfileIsAFailedLookup() {
        assertThatThrownBy(() -> ProfileAnswer.singleProfileId("[]")).isInstanceOf(RequestFailed.class)
                .hasMessage("not exactly one profile");
        assertThatThrownBy(() -> ProfileAnswer.singleProfileId("[{\"id\":\"a\"},{\"id\":\"b\"}]"))
                .hasMessage("not exactly one profile");
        assertThatThrownBy(() -> ProfileAnswer.singleProfileId("{\"id\":\"a\"}")).hasMessage("answer is not a list");
        assertThatThrownBy(() -> ProfileAnswer.singleProfileId("[{\"status\":\"ACTIVE\"}]"))
                .hasMessage("profile without id");
        assertThatThrownBy(() -> ProfileAnswer.singleProfileId("<html>")).hasMessage("answer is not JSON");
    }

    @Test
    void readsTheInboxCountsOfAConnection() {
        String view = "{\"id\":\"c1\",\"kind\":\"webhook\",\"inbox\":{\"pending\":3,\"done\":4997,\"dead\":0,"
                + "\"eventsRecorded\":4997,\"lastReceivedAt\":null,\"lastError\":null}}";

        assertThat(ProfileAnswer.inboxCounts(view)).isEqualTo(new ProfileAnswer.InboxCounts(3, 4_997, 0));
    }
}
