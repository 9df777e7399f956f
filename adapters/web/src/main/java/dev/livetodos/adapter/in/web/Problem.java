package dev.livetodos.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer as RFC 9457 problem details. {@code errors} is present for invalid requests,
 * {@code conflicts} for 409s; both are left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, List<ConflictJson> conflicts) {

    /** Plain HTTP problems: the status says it all. */
    static final String ABOUT_BLANK = "about:blank";
    static final String INVALID_REQUEST = "/problems/invalid-request";
    static final String NOT_FOUND = "/problems/not-found";
    static final String FORBIDDEN = "/problems/forbidden";
    static final String CONFLICT = "/problems/conflict";
    /** A change-feed cursor older than the feed keeps deletes: read the whole list again. */
    static final String MUST_REFETCH = "/problems/must-refetch";
    /** A write under an Idempotency-Key its sender used for a different write (RFC 9110's 422). */
    static final String IDEMPOTENCY_KEY_REUSED = "/problems/idempotency-key-reused";
    static final String STORE_UNAVAILABLE = "/problems/store-unavailable";

    static final String NOT_FOUND_TITLE = "Todo not found";
    static final String LIST_NOT_FOUND_TITLE = "List not found";

    Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null, null, null);
    }

    Problem withErrors(List<FieldError> errors) {
        return new Problem(type, title, status, detail, instance, errors, conflicts);
    }

    Problem withConflicts(List<ConflictJson> conflicts) {
        return new Problem(type, title, status, detail, instance, errors, conflicts);
    }

    Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, errors, conflicts);
    }

    /** One broken rule: where in the request ({@code name}, {@code [0].changes.status}, {@code $}) and why. */
    record FieldError(String field, String message) {
    }

    /** A todo (or list) that is not in the state the request expected, and the version it is at now. */
    record ConflictJson(String id, long currentVersion) {
    }
}
