package dev.livetodos.issuer;

/** Someone signed up with this name first (in any spelling that normalizes to the same). */
final class NameTakenException extends RuntimeException {

    NameTakenException(String name) {
        super("the name '" + name + "' is taken");
    }
}
