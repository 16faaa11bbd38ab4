package com.creditledger.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a Spring test context at a new database of {@link TestDatabase}:
 * {@code @ContextConfiguration(initializers = FreshDatabase.class)}.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Database database = TestDatabase.create();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + database.url(),
                "spring.datasource.username=" + database.user(),
                "spring.datasource.password=" + database.password(),
                // a context parked in Spring's test-context cache keeps its pool: shrink it to one
                // connection, or a suite's parked contexts exhaust PostgreSQL's 100 connections
                // before the last tests start their own nodes
                "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.hikari.idle-timeout=10000");
    }
}
