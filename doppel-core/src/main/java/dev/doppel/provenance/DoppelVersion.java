package dev.doppel.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Doppel version, filtered into the core jar by Maven. */
public final class DoppelVersion {
    private DoppelVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when run from unfiltered classes. */
    public static String current() {
        try (InputStream in = DoppelVersion.class.getResourceAsStream("/dev/doppel/doppel-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
