package org.chairside.rules;

/** How often vitals are due per phase, and how late a charting may be before it is overdue. */
public record ChartingInterval(Integer infusingMinutes, Integer recoveryMinutes, Integer graceMinutes, Priority priority) {
}
