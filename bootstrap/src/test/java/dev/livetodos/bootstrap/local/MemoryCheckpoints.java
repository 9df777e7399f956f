package dev.livetodos.bootstrap.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Checkpoints kept in memory, with every save remembered, so tests can say what was kept and when. */
final class MemoryCheckpoints implements StreamCheckpoints {

    private final Progress progress;
    private final List<Map<String, String>> saved = new CopyOnWriteArrayList<>();
    private volatile String streamArn;
    private volatile Map<String, String> positions = Map.of();

    MemoryCheckpoints(Progress progress) {
        this.progress = progress;
    }

    @Override
    public Map<String, String> load(String streamArn) {
        return streamArn.equals(this.streamArn) ? positions : Map.of();
    }

    @Override
    public void save(String streamArn, Map<String, String> positions) {
        this.streamArn = streamArn;
        this.positions = Map.copyOf(positions);
        saved.add(this.positions);
        progress.changed();
    }

    /** What the last save kept. */
    Map<String, String> positions() {
        return positions;
    }

    /** Every save, oldest first. */
    List<Map<String, String>> saved() {
        return List.copyOf(saved);
    }
}
