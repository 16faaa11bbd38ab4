package com.creditledger.platform;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer with the classes of stored types remembered: it looked each event's
 * class up by name on every read, through Spring Boot's nested-jar class loader, and that showed in
 * replay profiles (a few percent of the query side's CPU). Unknown types are not remembered here;
 * Axon already caches those.
 */
final class EventSerializer extends JacksonSerializer {

    /** By name and revision: not every {@link SerializedType} implements equals. */
    private record TypeKey(String name, String revision) {
    }

    private final Map<TypeKey, Class<?>> known = new ConcurrentHashMap<>();

    EventSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        TypeKey key = new TypeKey(type.getName(), type.getRevision());
        Class<?> cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class) {
            known.put(key, resolved);
        }
        return resolved;
    }
}
