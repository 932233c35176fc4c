package dev.scratchnet.runtime.data;

/**
 * A CSV file that cannot be read as a dataset: its message names the file and, where the fault lies in one cell,
 * the line (counted from 1, the header included) and the column (by name and by index from 0), then says what is
 * wrong and what was expected.
 */
public final class CsvFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }

    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
