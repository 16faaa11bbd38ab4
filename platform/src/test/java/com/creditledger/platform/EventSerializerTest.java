package com.creditledger.platform;

import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class EventSerializerTest {

    private final Serializer serializer = new LedgerSerialization().serializer();

    @Test
    void aStoredTypeResolvesToItsClassEveryTime() {
        assertThat(serializer.classForType(new SimpleSerializedType(Draw.class.getName(), null))).isEqualTo(Draw.class);
        assertThat(serializer.classForType(new SimpleSerializedType(Draw.class.getName(), null))).isEqualTo(Draw.class);
    }

    @Test
    void anUnknownTypeStaysUnknownAndAnotherRevisionResolvesOnItsOwn() {
        assertThat(serializer.classForType(new SimpleSerializedType("com.example.Gone", null)))
                .isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(new SimpleSerializedType(Draw.class.getName(), "2"))).isEqualTo(Draw.class);
    }

    @Test
    void eventsStillRoundTripThroughTheStoredJson() {
        Draw draw = new Draw("lot-1", Credits.of(new BigDecimal("2.50")), Money.of(new BigDecimal("2.36")));
        SerializedObject<byte[]> stored = serializer.serialize(draw, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(draw);
    }
}
