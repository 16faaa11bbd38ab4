package com.creditledger.platform.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.Message;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A monitor's meters for each tag set its messages carry, registered the first time a tag set is
 * seen and kept: the tag sets are few (a payload type, a processor's name), the messages many.
 */
final class MetersByTags<M> {

    private final Function<Message<?>, Iterable<Tag>> tags;
    private final Function<Tags, M> register;
    private final Map<Tags, M> registered = new ConcurrentHashMap<>();

    MetersByTags(Function<Message<?>, Iterable<Tag>> tags, Function<Tags, M> register) {
        this.tags = tags;
        this.register = register;
    }

    M of(Message<?> message) {
        return registered.computeIfAbsent(Tags.of(tags.apply(message)), register);
    }
}
