package org.integratedcommunities.referrals.personaldata;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Personal data as it comes out of the vault: either the {@link Value value}, or {@link Erased erased} because its data
 * subject's key has been destroyed. Erased is an ordinary outcome, not an error: events about an erased person stay and
 * must still be readable, just without the person.
 *
 * <pre>{@code
 * Opened<String> name = vault.open(event.name());
 * String shown = name.orElse("[erased]");
 * if (name instanceof Opened.Value<String> value) { ... value.value() ... }
 * }</pre>
 *
 * <p>{@code toString()} never shows the value, so an {@code Opened} can be logged safely.
 */
public sealed interface Opened<T> permits Opened.Value, Opened.Erased {

    static <T> Opened<T> of(T value) {
        return new Value<>(value);
    }

    @SuppressWarnings("unchecked")
    static <T> Opened<T> erased() {
        return (Opened<T>) Erased.INSTANCE;
    }

    boolean isErased();

    /** The value, or {@code fallback} if it was erased. */
    T orElse(T fallback);

    /** The value, if not erased. */
    Optional<T> toOptional();

    /** The value transformed, or still erased. */
    <R> Opened<R> map(Function<? super T, ? extends R> mapper);

    /** The data, opened. */
    record Value<T>(T value) implements Opened<T> {

        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isErased() {
            return false;
        }

        @Override
        public T orElse(T fallback) {
            return value;
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.of(value);
        }

        @Override
        public <R> Opened<R> map(Function<? super T, ? extends R> mapper) {
            return new Value<>(mapper.apply(value));
        }

        @Override
        public String toString() {
            return "Opened.Value[redacted]";
        }
    }

    /** The data subject was erased: the key is gone and so is the data. */
    record Erased<T>() implements Opened<T> {

        private static final Erased<Object> INSTANCE = new Erased<>();

        @Override
        public boolean isErased() {
            return true;
        }

        @Override
        public T orElse(T fallback) {
            return fallback;
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.empty();
        }

        @Override
        public <R> Opened<R> map(Function<? super T, ? extends R> mapper) {
            return erased();
        }

        @Override
        public String toString() {
            return "Opened.ERASED";
        }
    }
}
