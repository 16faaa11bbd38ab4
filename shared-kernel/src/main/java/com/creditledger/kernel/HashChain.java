package com.creditledger.kernel;

/**
 * Tamper evidence (docs/accounting.md, audit trail): each event of an aggregate is chained to the one before
 * it by hash = SHA-256(previous hash ‖ aggregate id ‖ sequence ‖ event id ‖ recording time ‖ payload
 * type ‖ payload bytes ‖ metadata bytes, exactly as stored). Changing, removing or reordering any
 * stored event, or who recorded it and when, breaks every link from it on.
 */
public final class HashChain {

    /** The "previous hash" of an aggregate's first event. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** One event as the store holds it: every column the chain protects. */
    public record StoredEvent(String aggregateId, long sequence, String eventId, String timestamp,
                              String payloadType, byte[] payload, byte[] metadata) {
    }

    public static String next(String previous, StoredEvent event) {
        Sha256 sha256 = Sha256.digest();
        for (String part : new String[]{previous, event.aggregateId(), Long.toString(event.sequence()),
                event.eventId(), event.timestamp(), event.payloadType()}) {
            sha256.text(part).separator((byte) 0);
        }
        // the payload's length first, so no byte can move between payload and metadata unnoticed
        byte[] metadata = event.metadata() == null ? new byte[0] : event.metadata();
        return sha256.text(Integer.toString(event.payload().length)).separator((byte) 0).bytes(event.payload())
                .bytes(metadata).hex();
    }
}
