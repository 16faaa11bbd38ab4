package com.creditledger.command.ratecard;

import com.creditledger.command.CommandSideViews;
import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.kernel.ratecard.RateCardPublished;
import com.creditledger.platform.LedgerSerialization;
import com.creditledger.platform.cluster.ReadThrough;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rate cards in force, by effective instant, held in memory so pricing reads no card.
 * Published cards are written to a table in the publishing transaction and added to memory after
 * commit. A card published through any node prices every call that arrives after the publish
 * answered, on every node, checked by the table's row count, in one of two ways: a lookup reads the
 * count through ({@link #current()}, concurrent lookups share one read), or usage is priced by the
 * cards {@link #known()} without a read and its group commit reads the count once for the whole
 * group ({@link #published()}), pricing again what was priced by fewer cards.
 * <p>
 * Cards are immutable and never withdrawn, so the catalog only ever grows: a card and every load are
 * merged into what is known, under one lock. Loads that finish out of order (a reload started
 * before a publish committed, ending after it) can no longer put an older catalog back.
 */
@Component
@ProcessingGroup(CommandSideViews.GROUP)
public class RateCatalog {

    private static final TypeReference<Map<String, ModelPrices>> MODELS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    /** The table's JSON is storage, written and read like stored events, not by the API's strict parser. */
    private final ObjectMapper json = LedgerSerialization.eventMapper();
    private volatile Cards known = new Cards(new TreeMap<>(), -1);
    private final ReadThrough<Integer> publishedCards;

    RateCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.publishedCards = new ReadThrough<>(this::published);
    }

    /**
     * Cards by effective instant, as loaded from the table when it held {@code published} rows (or
     * -1 before the first load); they price without reading the table again.
     */
    public record Cards(NavigableMap<Instant, PriceList> byEffectiveFrom, int published) {

        /** The card in force at {@code at}: the latest published one effective by then, else the standard list. */
        public PriceList inForceAt(Instant at) {
            Map.Entry<Instant, PriceList> entry = byEffectiveFrom.floorEntry(at);
            return entry == null ? PriceList.STANDARD : entry.getValue();
        }
    }

    /**
     * The cards published by now, read through once: a batch's records arrived together, so they
     * are priced by one read of the table, not one per record.
     */
    public Cards current() {
        readThrough();
        return known;
    }

    /** The cards this node knows, read from nothing: current as of {@link Cards#published} rows. */
    public Cards known() {
        return known;
    }

    /** How many cards have been published, read now, in the caller's transaction if it has one. */
    public int published() {
        return jdbc.queryForObject("SELECT count(*) FROM rate_card", Integer.class);
    }

    /** The card in force at {@code at}: the latest published one effective by then, else the standard list. */
    public PriceList inForceAt(Instant at) {
        return current().inForceAt(at);
    }

    /** A published card by its version, whatever its effective instant. */
    public Optional<PriceList> version(String version) {
        readThrough();
        return known.byEffectiveFrom().values().stream().filter(card -> card.version().equals(version)).findFirst()
                .or(() -> PriceList.STANDARD.version().equals(version) ? Optional.of(PriceList.STANDARD)
                        : Optional.empty());
    }

    private void readThrough() {
        int rows = publishedCards.current();
        if (rows != known.published()) {
            reload(rows);
        }
    }

    private synchronized void reload(int rows) {
        List<PriceList> loaded = jdbc.query("SELECT version, effective_from, models FROM rate_card",
                (rs, row) -> new PriceList(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        read(rs.getString(3))));
        merge(loaded, Math.max(rows, loaded.size())); // cards are never withdrawn
    }

    @EventHandler
    void on(RateCardPublished event) throws JsonProcessingException {
        jdbc.update("INSERT INTO rate_card (version, effective_from, models) VALUES (?, ?, ?::jsonb)",
                event.version(), OffsetDateTime.ofInstant(event.effectiveFrom(), ZoneOffset.UTC),
                json.writeValueAsString(event.models()));
        PriceList card = new PriceList(event.version(), event.effectiveFrom(), event.models());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                merge(List.of(card), known.published()); // the count is read again before it is relied on
            }
        });
    }

    private synchronized void merge(Collection<PriceList> cards, int published) {
        NavigableMap<Instant, PriceList> merged = new TreeMap<>(known.byEffectiveFrom());
        cards.forEach(card -> merged.merge(card.effectiveFrom(), card, RateCatalog::laterVersion));
        known = new Cards(merged, Math.max(published, known.published()));
    }

    /** Two cards effective at the same instant: the greater version wins, so every instance agrees. */
    private static PriceList laterVersion(PriceList a, PriceList b) {
        return a.version().compareTo(b.version()) >= 0 ? a : b;
    }

    private Map<String, ModelPrices> read(String models) {
        try {
            return json.readValue(models, MODELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rate card in table rate_card", e);
        }
    }
}
