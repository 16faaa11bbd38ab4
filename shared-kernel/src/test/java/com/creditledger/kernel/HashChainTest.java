package com.creditledger.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Each link depends on everything the chain claims to protect, and on the link before it. */
class HashChainTest {

    private static final byte[] PAYLOAD = "{\"amount\":\"2.50\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aLinkIsTheSameForTheSameEventAndChangesWithAnyPartOfIt() {
        String link = HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "UsageDebited", PAYLOAD);
        assertThat(link).hasSize(64).isEqualTo(HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "UsageDebited", PAYLOAD));
        assertThat(link)
                .isNotEqualTo(HashChain.next("1".repeat(64), "acme", 0, "e1", "UsageDebited", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acmf", 0, "e1", "UsageDebited", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acme", 1, "e1", "UsageDebited", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acme", 0, "e2", "UsageDebited", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "TopUpPurchased", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "UsageDebited",
                        "{\"amount\":\"2.51\"}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Parts are separated, so moving characters from one part to the next is another link. */
    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "T", PAYLOAD))
                .isNotEqualTo(HashChain.next(HashChain.GENESIS, "acme", 0, "e", "1T", PAYLOAD));
    }

    @Test
    void aChangedEventBreaksEveryLaterLink() {
        String first = HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "T", PAYLOAD);
        String second = HashChain.next(first, "acme", 1, "e2", "T", PAYLOAD);
        String tamperedFirst = HashChain.next(HashChain.GENESIS, "acme", 0, "e1", "T", new byte[]{1});
        assertThat(HashChain.next(tamperedFirst, "acme", 1, "e2", "T", PAYLOAD)).isNotEqualTo(second);
    }
}
