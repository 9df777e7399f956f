package dev.livetodos.domain.model;

/** The subscriber has gone for good (its connection closed); it should be forgotten, not retried. */
public final class SubscriberGoneException extends RuntimeException {

    private final transient SubscriberId subscriber;

    public SubscriberGoneException(SubscriberId subscriber) {
        super("Subscriber " + subscriber + " is gone.", null, false, false);
        this.subscriber = subscriber;
    }

    public SubscriberId subscriber() {
        return subscriber;
    }
}
