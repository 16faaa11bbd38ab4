package com.creditledger.query;

import com.creditledger.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The query side's schema on a test database, migrated as the service migrates it (application.yml). */
public final class QuerySchema {

    private QuerySchema() {
    }

    /** The service's migrations: the event store's and the projections', in the query side's own history table. */
    public static FluentConfiguration migrations(TestDatabase.Database database) {
        return Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .table("flyway_query_history").locations("classpath:db/event-store", "classpath:db/query");
    }

    public static Connection connect(TestDatabase.Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
