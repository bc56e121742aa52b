package dev.liaison.profile.person;

/** A merge cannot be undone: it does not exist for this profile ({@code notFound}) or is already undone. */
public class MergeUndoException extends Exception {

    private final boolean notFound;

    public MergeUndoException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
