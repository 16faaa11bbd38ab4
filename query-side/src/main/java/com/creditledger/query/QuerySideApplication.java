package com.creditledger.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The read side: projections fed by streaming processors reading the shared event store, and the
 * query API. It owns no events; it only reads them.
 */
@EnableScheduling
@SpringBootApplication(scanBasePackages = {"com.creditledger.query", "com.creditledger.platform"})
public class QuerySideApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
