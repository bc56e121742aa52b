package dev.liaison.bench;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Hands what is fired to one observer on the firing thread, as CDI delivers a synchronous event inside the firing
 * transaction. The observer is set after construction because the loyalty service that fires tier changes is built
 * before the engine that observes them.
 */
final class SynchronousEvent<T> implements Event<T> {

    private volatile Consumer<T> observer = event -> { };

    void observeWith(Consumer<T> observer) {
        this.observer = observer;
    }

    @Override
    public void fire(T event) {
        observer.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("the engine fires synchronously only");
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("the engine fires synchronously only");
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException("the engine fires without qualifiers");
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("the engine fires without qualifiers");
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("the engine fires without qualifiers");
    }
}
