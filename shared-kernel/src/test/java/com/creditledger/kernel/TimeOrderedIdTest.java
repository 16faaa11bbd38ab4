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
        UUID id = new TimeOrderedId.Sequence(new Random(seed)).at(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Property(tries = 1000)
    void aLaterMillisecondSortsAfterAsText(@ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis,
                                           @ForAll @LongRange(min = 1, max = 1L << 40) long later, @ForAll long seed) {
        TimeOrderedId.Sequence sequence = new TimeOrderedId.Sequence(new Random(seed));
        String first = sequence.at(millis).toString();
        String second = sequence.at(Math.min(millis + later, (1L << 48) - 1)).toString();
        assertThat(second).isGreaterThan(first);
    }

    @Property(tries = 1000)
    void withinAMillisecondAThreadsIdsCountUp(@ForAll @LongRange(min = 0, max = (1L << 48) - 1) long millis,
                                              @ForAll long seed) {
        TimeOrderedId.Sequence sequence = new TimeOrderedId.Sequence(new Random(seed));
        UUID first = sequence.at(millis);
        UUID second = sequence.at(millis);
        assertThat(second.toString()).isGreaterThan(first.toString());
        assertThat(second.version()).isEqualTo(7);
        assertThat(second.variant()).isEqualTo(2);
    }

    @Example
    void countingCarriesIntoTheBitsBesideTheVersionAndStartsAfreshWhenAllAreOnes() {
        Random allOnesBesideTheVariant = new Random() {
            @Override
            public int nextInt(int bound) {
                return bound - 1;
            }

            @Override
            public long nextLong() {
                return -1L;
            }
        };
        TimeOrderedId.Sequence sequence = new TimeOrderedId.Sequence(allOnesBesideTheVariant);
        UUID top = sequence.at(5);
        assertThat(top.getMostSignificantBits() & 0xFFF).isEqualTo(0xFFF);
        assertThat(top.getLeastSignificantBits()).isEqualTo(0xBFFF_FFFF_FFFF_FFFFL);
        UUID afresh = sequence.at(5);
        assertThat(afresh).isEqualTo(top);
        assertThat(afresh.version()).isEqualTo(7);

        Random lowAllOnes = new Random(1) {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public int nextInt(int bound) {
                return 7;
            }
        };
        TimeOrderedId.Sequence carrying = new TimeOrderedId.Sequence(lowAllOnes);
        carrying.at(9);
        UUID carried = carrying.at(9);
        assertThat(carried.getMostSignificantBits() & 0xFFF).isEqualTo(8);
        assertThat(carried.getLeastSignificantBits()).isEqualTo(0x8000_0000_0000_0000L);
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
        TimeOrderedId.Sequence sequence = new TimeOrderedId.Sequence(new Random());
        assertThatThrownBy(() -> sequence.at(1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sequence.at(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
