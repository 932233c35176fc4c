package dev.scratchnet.samples.serve;

/**
 * A request the server refuses: the HTTP status and the sentence the JSON error carries. It is an answer, not a
 * failure, so it records no stack trace.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int getStatus() {
        return status;
    }
}
