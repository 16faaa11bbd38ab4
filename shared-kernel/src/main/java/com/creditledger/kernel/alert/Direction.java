package com.creditledger.kernel.alert;

/** Down: available credit fell below the threshold; up: it is back at or above it (recovered). */
public enum Direction { DOWN, UP }
