package com.creditledger.query.projection;

import com.creditledger.platform.LedgerSerialization;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An event's position reaches its handlers in its metadata, beside what the command side recorded there. */
class PositionReadingEngineTest {

    private final Serializer serializer = new LedgerSerialization().serializer();

    @Test
    void thePositionJoinsTheRecordedMetadata() {
        MetaData read = read(" {\"actor\":\"key_1\",\"recordedAt\":\"2026-12-07T13:29:36.266380Z\"}\n", 521_831);
        assertThat(read).containsOnlyKeys("actor", "recordedAt", OwnPositionStorage.POSITION)
                .containsEntry("actor", "key_1").containsEntry("recordedAt", "2026-12-07T13:29:36.266380Z");
        assertThat(position(read)).isEqualTo(521_831);
    }

    @Test
    void anEventWithoutMetadataGetsItsPositionAlone() {
        assertThat(new String(PositionReadingEngine.withPosition("{ }".getBytes(StandardCharsets.UTF_8), 7, "e"),
                StandardCharsets.UTF_8)).isEqualTo("{ \"ledger.position\":7}");
        assertThat(read("{}", 7)).containsOnlyKeys(OwnPositionStorage.POSITION);
        assertThat(PositionReadingEngine.withPosition(null, 7, "e"))
                .isEqualTo("{\"ledger.position\":7}".getBytes(StandardCharsets.UTF_8));
        assertThat(position(read("{}", 7))).isEqualTo(7);
    }

    @Test
    void thePositionReadWinsOverOneStoredUnderTheSameKey() {
        assertThat(position(read("{\"ledger.position\":3}", 9))).isEqualTo(9);
    }

    @Test
    void metadataThatIsNoObjectIsRefused() {
        for (String stored : new String[]{"[]", "null", "  ", "{\"actor\":\"key_1\""}) {
            byte[] bytes = stored.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> PositionReadingEngine.withPosition(bytes, 1, "e"))
                    .as(stored).isInstanceOf(IllegalStateException.class).hasMessageContaining("event e");
        }
    }

    private MetaData read(String stored, long position) {
        byte[] withPosition =
                PositionReadingEngine.withPosition(stored.getBytes(StandardCharsets.UTF_8), position, "e");
        return serializer.deserialize(new SerializedMetaData<>(withPosition, byte[].class));
    }

    private static long position(MetaData metaData) {
        return ((Number) metaData.get(OwnPositionStorage.POSITION)).longValue();
    }
}
