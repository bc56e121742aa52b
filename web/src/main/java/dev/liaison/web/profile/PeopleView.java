package dev.liaison.web.profile;

import dev.liaison.profile.person.PeoplePage;
import dev.liaison.profile.person.Person;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of the people list, newest first, shaped like a page of deals: {@code nextCursor} continues it and
 * {@code next} is the link that does (the same search and limit); both are left out on the last page.
 */
public record PeopleView(List<PersonView> items, String nextCursor, String next) {

    /** One person: names, status, and every identity (e-mail, phone, CRM record) to recognise them by. */
    public record PersonView(String id, String status, String firstName, String lastName,
                             List<IdentityView> identities, Instant createdAt, Instant updatedAt) {

        static PersonView of(Person person) {
            return new PersonView(person.id(), person.status().name(), person.firstName(), person.lastName(),
                    person.identities().stream().map(identity -> new IdentityView(identity.kind().name(),
                            identity.value())).toList(), person.createdAt(), person.updatedAt());
        }
    }

    public record IdentityView(String kind, String value) {
    }

    static PeopleView of(PeoplePage page, String query, int limit) {
        String next = null;
        if (page.next() != null) {
            // The term goes in as a template value, so that braces or a percent sign in it are encoded, not read.
            boolean searched = query != null && !query.isBlank();
            UriBuilder link = UriBuilder.fromPath("/api/profiles");
            if (searched) {
                link.queryParam("q", "{q}");
            }
            next = link.queryParam("limit", limit).queryParam("cursor", page.next())
                    .buildFromMap(searched ? Map.of("q", query) : Map.of()).toString();
        }
        return new PeopleView(page.items().stream().map(PersonView::of).toList(), page.next(), next);
    }
}
