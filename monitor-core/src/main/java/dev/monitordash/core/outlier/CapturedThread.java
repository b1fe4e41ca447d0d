package dev.monitordash.core.outlier;

/**
 * One thread of an outlier's thread dump.
 *
 * @param state     {@link Thread.State} name
 * @param lock      the lock it waits on or is blocked by ({@code LockInfo} text), or null
 * @param lockOwner the thread holding that lock ("name" and id), or null
 * @param stack     frames, one per line ({@code at class.method(File.java:12)}), with
 *                  {@code - locked ...} lines; ends with "(truncated)" when frames were cut
 */
public record CapturedThread(long id, String name, String state, boolean daemon, String lock, String lockOwner,
        String stack) {
}
