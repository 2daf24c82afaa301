package dev.doppel.design.spec;

import dev.doppel.DoppelException;

/**
 * A spec that cannot be used: the file, the line and field where the problem is, what was expected there and what was
 * found. Thrown before any row is generated.
 */
public final class SpecException extends DoppelException {
    private final String file;
    private final int line;
    private final String field;

    public SpecException(String file, int line, String field, String expected, String actual) {
        super(describe(file, line, field, expected, actual));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String describe(String file, int line, String field, String expected, String actual) {
        StringBuilder m = new StringBuilder(file);
        if (line > 0) {
            m.append(", line ").append(line);
        }
        if (field != null && !field.isEmpty()) {
            m.append(", field ").append(field);
        }
        m.append(": expected ").append(expected);
        if (actual != null) {
            m.append(", found ").append(actual);
        }
        return m.toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The field's path, such as {@code tables[0].columns[2].distribution.sd}; null for the whole document. */
    public String field() {
        return field;
    }
}
