package dev.liaison.web.profile;

import dev.liaison.profile.consent.ConsentRecord;
import java.time.Instant;

/** One consent ledger entry. */
public record ConsentView(long id, String profileId, String purpose, String channel, String decision,
                          ProfileView.SourceView source, EvidenceView evidence, Instant occurredAt,
                          Instant recordedAt) {

    public record EvidenceView(String noticeVersion, String noticeSha256, String collectionMethod, String text,
                               String ipAddress, String userAgent) {
    }

    static ConsentView of(ConsentRecord entry) {
        return new ConsentView(entry.id(), entry.profileId(), entry.purpose(), entry.channel(),
                entry.decision().name(), new ProfileView.SourceView(entry.source().system(),
                        entry.source().connectionId(), entry.source().ref()),
                new EvidenceView(entry.evidence().noticeVersion(), entry.evidence().noticeSha256(),
                        entry.evidence().collectionMethod(), entry.evidence().text(), entry.evidence().ipAddress(),
                        entry.evidence().userAgent()),
                entry.occurredAt(), entry.recordedAt());
    }
}
