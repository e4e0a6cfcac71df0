package org.chairside.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A decimal at the scale its column keeps, so that an answer to a write shows what a later read returns (70 kg is
 * read back as 70.0). Never rounds: a value with more decimals than the column keeps is a bug in its validation
 * ({@link MaxDecimals}) and fails here rather than being stored altered.
 */
public final class StoredDecimal {
    private StoredDecimal() {
    }

    public static BigDecimal of(BigDecimal value, int decimals) {
        return value == null ? null : value.setScale(decimals, RoundingMode.UNNECESSARY);
    }

    /** The decimals a value needs: 70.10 needs 1, 70 and 7E+1 none. */
    static int decimalsOf(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
