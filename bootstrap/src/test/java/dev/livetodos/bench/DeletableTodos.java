package dev.livetodos.bench;

import java.util.Collection;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Todos that exist and may be deleted, for the DELETE scenario. The pool is filled ahead from
 * what the create scenario made and a top-up, but how many deletes a timed scenario sends depends
 * on the machine, so a pool that runs dry creates the next todo on the spot instead of handing
 * out an id that deletes nothing. {@link ClosedLoop} runs that outside the timed part.
 */
final class DeletableTodos {

    /** Creates a todo with this id in the store the pool is for. */
    @FunctionalInterface
    interface Creator {
        void create(String id) throws Exception;
    }

    private final Queue<String> ids = new ConcurrentLinkedQueue<>();
    private final Creator creator;
    private final AtomicLong createdOnDemand = new AtomicLong();

    DeletableTodos(Creator creator) {
        this.creator = creator;
    }

    /** Ids of todos created elsewhere. */
    void addAll(Collection<String> created) {
        ids.addAll(created);
    }

    void add(String created) {
        ids.add(created);
    }

    int size() {
        return ids.size();
    }

    /** The id of a todo that exists and that no other caller gets. */
    String take() throws Exception {
        String id = ids.poll();
        if (id != null) {
            return id;
        }
        String fresh = UUID.randomUUID().toString();
        creator.create(fresh);
        createdOnDemand.incrementAndGet();
        return fresh;
    }

    /** How many todos {@link #take()} had to create because the pool was empty. */
    long createdOnDemand() {
        return createdOnDemand.get();
    }
}
