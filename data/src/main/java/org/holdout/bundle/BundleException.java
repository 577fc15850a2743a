package org.holdout.bundle;

import java.io.IOException;

/**
 * A bundle, or a data source for one, that cannot be written or used as it is. The message is one line meant
 * for the user: it names the file and says what is wrong.
 */
public class BundleException extends IOException {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
