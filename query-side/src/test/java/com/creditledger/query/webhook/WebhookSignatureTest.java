package com.creditledger.query.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    /** The test vector the Standard Webhooks specification publishes: receivers' libraries accept what we sign. */
    @Test
    void signsThePublishedTestVector() {
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsAreTwentyFourRandomBytesInTheWhsecFormat() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }
}
