package com.creditledger.kernel.usage;

public record TokenCounts(long inputTokens, long cachedInputTokens, long outputTokens) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0);

    /** The counts a request sent; a count left out is none. */
    public static TokenCounts sent(Long inputTokens, Long cachedInputTokens, Long outputTokens) {
        return new TokenCounts(orNone(inputTokens), orNone(cachedInputTokens), orNone(outputTokens));
    }

    private static long orNone(Long tokens) {
        return tokens == null ? 0 : tokens;
    }
}
