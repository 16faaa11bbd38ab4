package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side starts on a real PostgreSQL, applies the event-store schema and reports healthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabase.class)
class QuerySideStartsTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsAndReportsHealthy() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"UP\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isZero();
    }
}
