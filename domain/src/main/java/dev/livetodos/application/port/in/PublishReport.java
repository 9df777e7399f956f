package dev.livetodos.application.port.in;

import java.util.List;

/**
 * What publishing a batch achieved.
 *
 * @param undelivered positions (in the command's list, ascending) of the changes at least one
 *                    remaining subscriber did not get
 * @param subscribers how many subscribers there were
 * @param forgotten   how many of them turned out to be gone and were forgotten
 */
public record PublishReport(List<Integer> undelivered, int subscribers, int forgotten) {

    public PublishReport {
        undelivered = List.copyOf(undelivered);
    }

    public boolean deliveredToAll() {
        return undelivered.isEmpty();
    }
}
