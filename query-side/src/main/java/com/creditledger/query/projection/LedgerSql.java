package com.creditledger.query.projection;

import com.creditledger.kernel.accounting.AccountCode;
import com.creditledger.kernel.accounting.MovementKind;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL that names the ledger's vocabulary by the kernel's constants instead of retyping it:
 * {@code {CONTRACT_LIABILITY}} becomes {@code '2400'}, {@code {CONSUMED}} becomes {@code 'consumed'}.
 * A name that is neither an account nor a movement kind fails when the statement is built.
 */
public final class LedgerSql {

    private static final Pattern NAME = Pattern.compile("\\{([A-Z_]+)}");

    private LedgerSql() {
    }

    public static String of(String sql) {
        Matcher names = NAME.matcher(sql);
        StringBuilder resolved = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(resolved, "'" + code(names.group(1)) + "'");
        }
        return names.appendTail(resolved).toString();
    }

    private static String code(String name) {
        for (AccountCode account : AccountCode.values()) {
            if (account.name().equals(name)) {
                return account.code();
            }
        }
        return MovementKind.valueOf(name).code();
    }
}
