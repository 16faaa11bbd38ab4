package com.creditledger.command.grant;

import com.creditledger.command.model.grant.GrantApproval;
import com.creditledger.kernel.value.Credits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GrantConfiguration {

    /** {@code ledger.grants.approval-threshold}: grants of more credits need a second key. */
    @Bean
    GrantApproval grantApproval(@Value("${ledger.grants.approval-threshold:1000}") String threshold) {
        return new GrantApproval(Credits.of(threshold));
    }
}
