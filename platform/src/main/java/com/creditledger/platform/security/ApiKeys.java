package com.creditledger.platform.security;

import com.creditledger.kernel.Sha256;
import com.creditledger.platform.cluster.ReadThrough;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: {@code cl_<keyId>_<secret>}. Only SHA-256 of the secret is stored (the secret has 256
 * random bits, so a slow hash adds nothing); the token is shown once, at creation. Lookups are
 * cached, each under the count of keys created and revoked it was read after; every request reads
 * that count through ({@link ReadThrough}, concurrent requests share one read). A revocation through
 * any node therefore holds on every node for every request that arrives after it was answered, and
 * a lookup that read the key just before the revocation committed is cached under the old count, so
 * it is never used again.
 */
@Component
public class ApiKeys {

    public static final String BOOTSTRAP_KEY_ID = "bootstrap";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final String bootstrapAdminKey;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Keys created plus keys revoked: it grows with every change, and only then. */
    private final ReadThrough<Long> changes;
    /** The count the cache's entries were last cleared at. */
    private volatile long cachedUnder = -1;

    ApiKeys(JdbcTemplate jdbc, @Value("${ledger.security.bootstrap-admin-key:}") String bootstrapAdminKey) {
        this.jdbc = jdbc;
        this.bootstrapAdminKey = bootstrapAdminKey;
        this.changes = new ReadThrough<>(() -> jdbc.queryForObject("SELECT count(*) + count(revoked_at) FROM api_key",
                Long.class));
    }

    public record Created(String keyId, String token, Role role, String accountId, String description) {
    }

    public record Listed(String keyId, Role role, String accountId, String description, Instant createdAt,
                         String createdBy, Instant revokedAt) {
    }

    private record Cached(Optional<ApiKeyPrincipal> principal, String secretHash, long changes) {
    }

    public Created create(Role role, String accountId, String description, String createdBy) {
        String keyId = HexFormat.of().formatHex(bytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        jdbc.update("INSERT INTO api_key (key_id, secret_hash, role, account_id, description, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                keyId, Sha256.of(secret), role.name(), accountId, description, createdBy);
        return new Created(keyId, "cl_" + keyId + "_" + secret, role, accountId, description);
    }

    /** @return whether a key was revoked now */
    public boolean revoke(String keyId, String revokedBy) {
        return jdbc.update("UPDATE api_key SET revoked_at = now(), revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL",
                revokedBy, keyId) == 1;
    }

    public List<Listed> list() {
        return jdbc.query("SELECT * FROM api_key ORDER BY created_at, key_id", (rs, row) -> new Listed(
                rs.getString("key_id"), Role.valueOf(rs.getString("role")), rs.getString("account_id"),
                rs.getString("description"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()));
    }

    public Optional<ApiKeyPrincipal> authenticate(String token) {
        if (!bootstrapAdminKey.isEmpty() && constantTimeEquals(token, bootstrapAdminKey)) {
            return Optional.of(new ApiKeyPrincipal(BOOTSTRAP_KEY_ID, Role.ADMIN, null));
        }
        String[] parts = token.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("cl")) {
            return Optional.empty();
        }
        long now = changes.current();
        if (now != cachedUnder) {
            // every entry was read before the latest change: forget them all, once per change
            cachedUnder = now;
            cache.clear();
        }
        Cached cached = cache.get(parts[1]);
        if (cached == null || cached.changes() != now) {
            cached = load(parts[1], now);
            cache.put(parts[1], cached);
        }
        return cached.principal().isPresent() && constantTimeEquals(Sha256.of(parts[2]), cached.secretHash())
                ? cached.principal() : Optional.empty();
    }

    private Cached load(String keyId, long changes) {
        List<Cached> found = jdbc.query("SELECT role, account_id, secret_hash FROM api_key WHERE key_id = ? AND revoked_at IS NULL",
                (rs, row) -> new Cached(Optional.of(new ApiKeyPrincipal(keyId, Role.valueOf(rs.getString("role")),
                        rs.getString("account_id"))), rs.getString("secret_hash"), changes), keyId);
        return found.isEmpty() ? new Cached(Optional.empty(), "", changes) : found.get(0);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

}
