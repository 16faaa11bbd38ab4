package com.creditledger.kernel.usage;

public record TokenCounts(long inputTokens, long cachedInputTokens, long outputTokens) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0);
}
