package io.github.zero4j.core.sync;

/**
 * The outcome of {@link SingleFlight#executeEx}: the value, and whether this caller computed it.
 * Among concurrent callers of one key exactly one gets {@code fresh() == true}.
 *
 * @param value the value the supplier returned (may be {@code null} if the supplier returned it)
 * @param fresh {@code true} only for the caller whose supplier ran
 * @param <V> the value type
 */
public record FlightResult<V>(V value, boolean fresh) {}
