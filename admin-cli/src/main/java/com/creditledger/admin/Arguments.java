package com.creditledger.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Words and {@code --name=value} options, in any order. */
record Arguments(List<String> positional, Map<String, String> options) {

    /** Wrong arguments: exit 2 with the usage. */
    static final class Wrong extends RuntimeException {
        Wrong(String message) {
            super(message);
        }
    }

    static Arguments parse(List<String> args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "" : arg.substring(equals + 1));
            } else {
                words.add(arg);
            }
        }
        return new Arguments(words, options);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String option(String name) {
        return options.get(name);
    }

    long seconds(String name, long otherwise) {
        try {
            return has(name) ? Long.parseLong(option(name)) : otherwise;
        } catch (NumberFormatException e) {
            throw new Wrong("--" + name + " takes a number of seconds");
        }
    }
}
