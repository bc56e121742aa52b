package dev.liaison.profile.timeline;

import java.util.List;

/** One page of a person's deals or tickets, newest first; {@code next} is the cursor of the page after, or null. */
public record TimelinePage<T>(List<T> items, String next) {

    public TimelinePage {
        items = List.copyOf(items);
    }
}
