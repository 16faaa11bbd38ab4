package com.creditledger.command.refund;

import com.creditledger.command.model.refund.RefundApproval;
import com.creditledger.kernel.value.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RefundConfiguration {

    /** {@code ledger.refunds.approval-threshold}: refunds paying more need a second key. */
    @Bean
    RefundApproval refundApproval(@Value("${ledger.refunds.approval-threshold:1000.00}") String threshold) {
        return new RefundApproval(Money.of(threshold));
    }
}
