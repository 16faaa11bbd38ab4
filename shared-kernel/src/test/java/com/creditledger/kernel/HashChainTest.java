package com.creditledger.kernel;

import com.creditledger.kernel.HashChain.StoredEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Each link depends on everything the chain claims to protect, and on the link before it. */
class HashChainTest {

    private static final byte[] PAYLOAD = bytes("{\"amount\":\"2.50\"}");
    private static final byte[] METADATA = bytes("{\"ledger.actor\":\"key-1\"}");
    private static final String AT = "2025-06-01T10:00:00Z";

    @Test
    void aLinkIsTheSameForTheSameEventAndChangesWithAnyPartOfIt() {
        StoredEvent event = new StoredEvent("acme", 0, "e1", AT, "UsageDebited", PAYLOAD, METADATA);
        String link = HashChain.next(HashChain.GENESIS, event);
        assertThat(link).hasSize(64).isEqualTo(HashChain.next(HashChain.GENESIS,
                new StoredEvent("acme", 0, "e1", AT, "UsageDebited", PAYLOAD.clone(), METADATA.clone())));
        assertThat(link)
                .isNotEqualTo(HashChain.next("1".repeat(64), event))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acmf", 0, "e1", AT, "UsageDebited", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 1, "e1", AT, "UsageDebited", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e2", AT, "UsageDebited", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", "2025-06-01T10:00:01Z", "UsageDebited", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "TopUpPurchased", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "UsageDebited",
                        bytes("{\"amount\":\"2.51\"}"), METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "UsageDebited",
                        PAYLOAD, bytes("{\"ledger.actor\":\"key-2\"}"))));
    }

    /** Parts are separated, so moving characters from one part to the next is another link. */
    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "T", PAYLOAD, METADATA)))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e", AT, "1T", PAYLOAD, METADATA)));
        assertThat(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "T", bytes("ab"), bytes("c"))))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "T", bytes("a"), bytes("bc"))));
    }

    @Test
    void aChangedEventBreaksEveryLaterLink() {
        String first = HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "T", PAYLOAD, METADATA));
        StoredEvent next = new StoredEvent("acme", 1, "e2", AT, "T", PAYLOAD, METADATA);
        String second = HashChain.next(first, next);
        String tamperedFirst = HashChain.next(HashChain.GENESIS, new StoredEvent("acme", 0, "e1", AT, "T", new byte[]{1}, METADATA));
        assertThat(HashChain.next(tamperedFirst, next)).isNotEqualTo(second);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
