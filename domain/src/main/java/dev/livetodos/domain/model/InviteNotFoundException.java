package dev.livetodos.domain.model;

/**
 * The invite link names no invite that can be used now: it never existed, it has expired, or
 * its list has been deleted. The three are answered alike, so a link reveals nothing once it no
 * longer works. Nothing was written.
 */
public final class InviteNotFoundException extends ListException {

    public InviteNotFoundException() {
        super("This invite does not exist or has expired.");
    }
}
