package dev.monitordash.core.tests;

/** A part of a run that contradicts what is stored under its run id (another version). */
public final class RunConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
