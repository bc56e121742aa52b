package dev.liaison.profile.person;

import java.util.List;

/** One page of the people list, newest first; {@code next} is the cursor of the page after, or null. */
public record PeoplePage(List<Person> items, String next) {

    public PeoplePage {
        items = List.copyOf(items);
    }
}
