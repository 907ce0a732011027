package org.vpsconnector.adapters.persistence;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The column lists of statements that join tables, made from each DAO's own list ({@code COLUMNS}), so
 * that a column added there is read by the joins too. SQL annotations need constants, so a statement
 * names a list as a define: {@code <vpsAndOperationColumns>}, {@code <vpsAndUsageColumns>},
 * {@code <joinedOperationColumns>}.
 */
final class JoinedColumns {
    private JoinedColumns() {
    }

    static Jdbi defineAll(Jdbi jdbi) {
        return jdbi
                // For RevisedVpsRow and RequestedVpsRow: @Nested("vps") and @Nested("op").
                .define("vpsAndOperationColumns",
                        aliased(VpsDao.COLUMNS, "v", "vps") + ", " + aliased(OperationDao.COLUMNS, "o", "op"))
                // For VpsWithUsageRow: the VPS's columns as they are, the usage's under @Nested("usage").
                .define("vpsAndUsageColumns", qualified(VpsDao.COLUMNS, "v") + ", " + aliased(UsageDao.COLUMNS, "u", "usage"))
                .define("joinedOperationColumns", qualified(OperationDao.COLUMNS, "o"));
    }

    /** Each column of {@code table}, as {@code table.column AS prefix_column}. */
    static String aliased(String columns, String table, String prefix) {
        return names(columns).map(column -> table + "." + column + " AS " + prefix + "_" + column)
                .collect(Collectors.joining(", "));
    }

    /** Each column of {@code table}, as {@code table.column}. */
    static String qualified(String columns, String table) {
        return names(columns).map(column -> table + "." + column).collect(Collectors.joining(", "));
    }

    private static Stream<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip);
    }
}
