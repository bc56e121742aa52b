package dev.liaison.profile.person;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.IdentifierNormalizer;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import dev.liaison.profile.identity.IdentitySettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The people list: newest first, keyset pages that neither repeat nor skip, searches by prefix and by CRM id. */
class PeopleDirectoryTest {

    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final PeopleDirectory directory = new PeopleDirectory(workspaces.database(),
            new IdentitySettings("RU", List.of("EMAIL", "PHONE")));
    private final String connection = workspaces.connection(ONE);

    @Test
    void pagesGoNewestFirstAndTheCursorNeitherRepeatsNorSkipsAtEqualTimes() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Two profiles per instant: the id decides among them.
            created.add(profile(ONE, T0.plusSeconds(i / 2)));
        }
        profile(TWO, T0);

        List<String> seen = new ArrayList<>();
        PersonCursor cursor = null;
        do {
            PersonCursor after = cursor;
            PeoplePage page = WorkspaceContext.call(ONE, () -> directory.page(null, after, 2));
            page.items().forEach(person -> seen.add(person.id()));
            cursor = page.next() == null ? null : PersonCursor.parse(page.next());
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(created.get(4));
    }

    @Test
    void aMergedProfileIsNotListed() {
        String survivor = profile(ONE, T0);
        String absorbed = profile(ONE, T0.plusSeconds(1));
        workspaces.sql("update profile set status = 'MERGED', merged_into = ? where id = ?", survivor, absorbed);

        assertThat(ids(null)).containsExactly(survivor);
    }

    @Test
    void aTermMatchesTheStartOfAnEmailAPhoneOrANameAndACrmIdExactly() {
        String anna = profile(ONE, T0);
        identity(anna, IdentityKind.EMAIL, "anna.petrova@example.com");
        identity(anna, IdentityKind.PHONE, "+79031453455");
        attribute(anna, "firstName", "Анна");
        String boris = profile(ONE, T0.plusSeconds(1));
        identity(boris, IdentityKind.EXTERNAL, "webhook|" + connection + "|contact:42");
        attribute(boris, "lastName", "Annenkov");
        String other = profile(TWO, T0);
        identity(other, IdentityKind.EMAIL, "anna@example.org");

        assertThat(ids("Anna.P")).containsExactly(anna);
        assertThat(ids("ann")).containsExactly(boris, anna);
        assertThat(ids("анн")).containsExactly(anna);
        assertThat(ids("8 903 145-34-55")).containsExactly(anna);
        assertThat(ids("+7903")).containsExactly(anna);
        assertThat(ids("contact:42")).containsExactly(boris);
        assertThat(ids("contact:4")).isEmpty();
        assertThat(ids("webhook|" + connection + "|contact:42")).containsExactly(boris);
        assertThat(ids(anna)).containsExactly(anna);
        assertThat(ids("%")).isEmpty();
    }

    @Test
    void wildcardsInATermAreLiteral() {
        assertThat(PeopleDirectory.likePrefix("a_b%c!")).isEqualTo("a!_b!%c!!%");
    }

    @Test
    void onlyATermThatLooksLikeAPhoneIsSearchedAsOne() {
        IdentifierNormalizer normalizer = new IdentifierNormalizer("RU");
        assertThat(PeopleDirectory.phonePrefixes("8 (903) 145-34-55", normalizer))
                .containsExactly("+89031453455", "+79031453455");
        assertThat(PeopleDirectory.phonePrefixes("+44 20", normalizer)).containsExactly("+4420");
        assertThat(PeopleDirectory.phonePrefixes("12", normalizer)).isEmpty();
        assertThat(PeopleDirectory.phonePrefixes("contact:42", normalizer)).isEmpty();
    }

    @Test
    void aListedPersonCarriesNamesAndIdentities() {
        String anna = profile(ONE, T0);
        identity(anna, IdentityKind.EMAIL, "anna@example.com");
        attribute(anna, "firstName", "Anna");
        attribute(anna, "lastName", "Petrova");

        Person person = WorkspaceContext.call(ONE, () -> directory.page("anna", null, 20)).items().get(0);
        assertThat(person.firstName()).isEqualTo("Anna");
        assertThat(person.lastName()).isEqualTo("Petrova");
        assertThat(person.identities()).containsExactly(new Identity(IdentityKind.EMAIL, "anna@example.com"));
    }

    @Test
    void aCursorThatWasNotWrittenHereIsRefused() {
        assertThatThrownBy(() -> PersonCursor.parse("bm90LWEtY3Vyc29y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonCursor.parse("%%%")).isInstanceOf(IllegalArgumentException.class);
        PersonCursor cursor = new PersonCursor(T0, "p-1");
        assertThat(PersonCursor.parse(cursor.encode())).isEqualTo(cursor);
    }

    private List<String> ids(String query) {
        return WorkspaceContext.call(ONE, () -> directory.page(query, null, 20)).items().stream()
                .map(Person::id).toList();
    }

    private String profile(String workspace, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        workspaces.sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) "
                + "values (?, ?, 'ACTIVE', ?, ?, 0)", id, workspace, createdAt, createdAt);
        return id;
    }

    private void identity(String profileId, IdentityKind kind, String value) {
        workspaces.sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                + "created_at) select workspace_id, id, ?, ?, 'api', created_at from profile where id = ?",
                kind.name(), value, profileId);
    }

    private void attribute(String profileId, String name, String value) {
        workspaces.sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, "
                + "source_system, source_time, recorded_at) select workspace_id, id, ?, ?, 'api', created_at, "
                + "created_at from profile where id = ?", name, value, profileId);
    }
}
