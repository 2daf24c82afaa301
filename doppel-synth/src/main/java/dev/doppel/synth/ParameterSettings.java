package dev.doppel.synth;

import dev.doppel.DoppelException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synthesizer's parameters after the user's settings ({@code doppel fit --param name=value}) are laid over its
 * defaults. A setting must name a known parameter and parse as that parameter's type.
 */
public final class ParameterSettings {
    private final String synthesizer;
    private final Map<String, Object> values;

    private ParameterSettings(String synthesizer, Map<String, Object> values) {
        this.synthesizer = synthesizer;
        this.values = values;
    }

    /** {@code defaults} (a synthesizer's {@link Synthesizer#parameters()}) with {@code settings} applied. */
    public static ParameterSettings apply(String synthesizer, Map<String, Object> defaults, Map<String, String> settings) {
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Object current = defaults.get(e.getKey());
            if (current == null) {
                throw new DoppelException("synthesizer " + synthesizer + " has no parameter '" + e.getKey()
                        + "'; its parameters: " + String.join(", ", defaults.keySet()));
            }
            String text = e.getValue().strip();
            try {
                Object value = text;
                if (current instanceof Integer) {
                    value = Integer.valueOf(text);
                } else if (current instanceof Double) {
                    value = Double.valueOf(text);
                } else if (current instanceof Boolean) {
                    value = parseBoolean(text);
                } else if (current instanceof java.util.List) {
                    value = text.isEmpty() ? java.util.List.of()
                            : java.util.Arrays.stream(text.split(",")).map(String::strip).toList();
                }
                values.put(e.getKey(), value);
            } catch (IllegalArgumentException ex) {
                throw new DoppelException("parameter " + e.getKey() + " of " + synthesizer + " must be "
                        + (current instanceof Integer ? "a whole number" : current instanceof Double ? "a number"
                        : "true or false") + ", not '" + text + "'");
            }
        }
        return new ParameterSettings(synthesizer, Collections.unmodifiableMap(values));
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException(text);
    }

    public int intValue(String name) {
        return (Integer) values.get(name);
    }

    public double doubleValue(String name) {
        return (Double) values.get(name);
    }

    /** A list parameter, set as comma-separated names. */
    @SuppressWarnings("unchecked")
    public java.util.List<String> listValue(String name) {
        return (java.util.List<String>) values.get(name);
    }

    /** A text parameter (such as a device name or a file). */
    public String stringValue(String name) {
        return (String) values.get(name);
    }

    public boolean booleanValue(String name) {
        return (Boolean) values.get(name);
    }

    /** Builds the synthesizer, turning its constructor's validation errors into user errors. */
    public <T extends Synthesizer> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new DoppelException("synthesizer " + synthesizer + ": " + e.getMessage());
        }
    }
}
