package org.integratedcommunities.referrals.commandside.sla;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.integratedcommunities.referrals.testsupport.TestDatabase;

/** The payload types an aggregate has stored, in order, read from the event table: what a deadline test checks. */
final class StoredEventTypes {

    private StoredEventTypes() {}

    static List<String> of(TestDatabase database, UUID aggregateId) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT payload_type FROM event_store.domain_event_entry WHERE aggregate_identifier = ?"
                                + " ORDER BY sequence_number")) {
            query.setString(1, aggregateId.toString());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    types.add(row.getString(1));
                }
            }
        }
        return types;
    }
}
