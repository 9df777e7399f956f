package dev.livetodos.adapter.in.web;

import org.springframework.http.HttpStatus;

/**
 * Something wrong with a request that the adapter finds before any use case sees it. Its message
 * is written for the client and becomes the problem's detail.
 */
final class RequestProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    private RequestProblem(HttpStatus status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    static RequestProblem malformedJson(int line, int column) {
        String where = line > 0 && column > 0 ? " (line " + line + ", column " + column + ")" : "";
        return new RequestProblem(HttpStatus.BAD_REQUEST, Problem.ABOUT_BLANK, HttpStatus.BAD_REQUEST.getReasonPhrase(),
                "The request body is not well-formed JSON" + where + ".");
    }

    static RequestProblem emptyBody() {
        return new RequestProblem(HttpStatus.BAD_REQUEST, Problem.ABOUT_BLANK, HttpStatus.BAD_REQUEST.getReasonPhrase(),
                "The request body is empty; send a JSON document.");
    }

    /** An id that cannot name any todo: for the client it is simply not there. */
    static RequestProblem noSuchTodo() {
        return new RequestProblem(HttpStatus.NOT_FOUND, Problem.NOT_FOUND, Problem.NOT_FOUND_TITLE,
                "No todo has this id.");
    }

    /** A path id that cannot name any list: answered as a list the caller may not see is. */
    static RequestProblem noSuchList() {
        return new RequestProblem(HttpStatus.NOT_FOUND, Problem.NOT_FOUND, Problem.LIST_NOT_FOUND_TITLE,
                "No list you can see has this id.");
    }

    /** A path id that cannot name any person: nobody by it is on the list. */
    static RequestProblem noSuchMember() {
        return new RequestProblem(HttpStatus.NOT_FOUND, Problem.NOT_FOUND, "Member not found",
                "Nobody on this list has this id.");
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }
}
