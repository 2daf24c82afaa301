package dev.doppel;

/**
 * Input that cannot be used, with where it is and what was expected there. Line and column are 1-based;
 * 0 means "not applicable" (for example a problem with a whole column has no line).
 */
public final class InvalidDataException extends DoppelException {
    private final String file;
    private final long line;
    private final String column;
    private final String expected;
    private final String actual;

    public InvalidDataException(String file, long line, String column, String expected, String actual) {
        super(describe(file, line, column, expected, actual));
        this.file = file;
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.actual = actual;
    }

    private static String describe(String file, long line, String column, String expected, String actual) {
        StringBuilder where = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            where.append(", line ").append(line);
        }
        if (column != null && !column.isEmpty()) {
            where.append(", column ").append(column);
        }
        StringBuilder message = new StringBuilder(where).append(": expected ").append(expected);
        if (actual != null) {
            message.append(", found ").append(actual);
        }
        return message.toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line number in the file, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** Column name or 1-based position, or null when the problem is not in one column. */
    public String column() {
        return column;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
