package com.creditledger.command.access;

import com.creditledger.testsupport.AccessMatrixContract;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call which command endpoint, from the one table {@link CommandSideEndpoints}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.clock.mode=manual", "spring.application.name=CommandSideAccessTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
class CommandSideAccessTest extends AccessMatrixContract {

    @Test
    void aRevokedKeyIsRefusedAndTokensAreNeverListed() {
        LedgerClient admin = new LedgerClient(port);
        LedgerClient.Response created = admin.post("/v1/admin/api-keys", "{\"role\":\"INGEST\",\"description\":\"gateway\"}");
        assertThat(created.status()).isEqualTo(201);
        LedgerClient gateway = admin.withKey(created.text("token"));
        assertThat(gateway.openAccount("actor-test").status()).isEqualTo(201);

        assertThat(admin.send("DELETE", "/v1/admin/api-keys/" + created.text("keyId"), null, "application/json").status())
                .isEqualTo(204);
        assertThat(gateway.openAccount("actor-test-2").status()).isEqualTo(401);
        assertThat(admin.get("/v1/admin/api-keys").raw()).contains(created.text("keyId")).doesNotContain(created.text("token"));
    }
}
