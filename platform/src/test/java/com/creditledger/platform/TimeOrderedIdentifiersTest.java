package com.creditledger.platform;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifiersTest {

    @Test
    void axonGivesEventsTimeOrderedIds() {
        String id = GenericEventMessage.asEventMessage("a fact").getIdentifier();
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
    }
}
