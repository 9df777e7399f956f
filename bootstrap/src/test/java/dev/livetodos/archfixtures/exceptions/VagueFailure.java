package dev.livetodos.archfixtures.exceptions;

/** Breaks the exception rule on purpose: throws an exception that says nothing. */
public class VagueFailure {

    void fail() {
        throw new RuntimeException("something");
    }
}
