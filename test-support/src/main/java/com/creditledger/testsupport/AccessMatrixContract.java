package com.creditledger.testsupport;

import com.creditledger.platform.security.ApiKeySecurity;
import com.creditledger.platform.security.ApiKeys;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;

/**
 * What every service's access test checks, from its one table of endpoint rules: each mapped
 * endpoint has a rule, and each endpoint × role is allowed or 403 (401 without a key). A service's
 * test extends this on a running {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} context.
 */
public abstract class AccessMatrixContract {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApiKeys keys;

    @Autowired
    protected ApiKeySecurity.EndpointRules rules;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    protected RequestMappingHandlerMapping mapping;

    @Test
    void everyEndpointDeclaresItsRoles() {
        EndpointMatrix.assertEveryEndpointHasARule(mapping, rules.rules());
    }

    @Test
    void everyEndpointIsInTheOpenApiDocumentWithItsRoles() {
        EndpointMatrix.assertEveryEndpointDescribed(new LedgerClient(port).withKey(null), mapping);
    }

    @TestFactory
    List<DynamicTest> everyEndpointTimesEveryRole() {
        return EndpointMatrix.cases(new LedgerClient(port), keys, rules.rules());
    }
}
