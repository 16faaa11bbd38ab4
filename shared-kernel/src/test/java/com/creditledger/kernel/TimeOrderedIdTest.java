package com.creditledger.kernel;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event ids are version 7 UUIDs: standard, unique, and in the order of the milliseconds they were made in. */
class TimeOrderedIdTest {

    @Property(tries = 1000)
    void anIdIsAVersionSevenUuidOfItsMillisecond(@ForAll @LongRange(min = 0, max = (1L << 48) - 1) long millis,
                                                 @ForAll long seed) {
        UUID id = TimeOrderedId.at(millis, new Random(seed));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Property(tries = 1000)
    void aLaterMillisecondSortsAfterAsText(@ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis,
                                           @ForAll @LongRange(min = 1, max = 1L << 40) long later, @ForAll long seed) {
        Random random = new Random(seed);
        String first = TimeOrderedId.at(millis, random).toString();
        String second = TimeOrderedId.at(Math.min(millis + later, (1L << 48) - 1), random).toString();
        assertThat(second).isGreaterThan(first);
    }

    @Example
    void idsMadeTogetherDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedId.next());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Example
    void aMillisecondBeyondFortyEightBitsIsRefused() {
        assertThatThrownBy(() -> TimeOrderedId.at(1L << 48, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeOrderedId.at(-1, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
