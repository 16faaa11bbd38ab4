package com.creditledger.command.usage;

import com.creditledger.platform.direct.DirectRoute;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A single debit, the call a gateway makes for every API call it meters, served ahead of the servlet
 * filter chain by the same controller method (docs/benchmarks: what the chain cost per debit).
 */
@Component
class DirectDebit implements DirectRoute<UsageRequest> {

    private final UsageController controller;

    DirectDebit(UsageController controller) {
        this.controller = controller;
    }

    @Override
    public HttpMethod method() {
        return HttpMethod.POST;
    }

    @Override
    public String pattern() {
        return UsageController.DEBIT;
    }

    @Override
    public Class<UsageRequest> body() {
        return UsageRequest.class;
    }

    @Override
    public boolean plainlyValid(UsageRequest body) {
        return body.plainlyValid();
    }

    @Override
    public ResponseEntity<?> answer(Map<String, String> variables, UsageRequest body) {
        return controller.debit(variables.get("accountId"), body);
    }
}
