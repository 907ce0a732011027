package org.vpsconnector.bootstrap;

import io.dropwizard.db.DataSourceFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every commit reach the database file before the controller is answered. H2 keeps no log:
 * by default it writes committed changes to its file up to {@code WRITE_DELAY} (500 ms) later, so a
 * {@code kill -9} forgets what it had already answered. With {@code WRITE_DELAY=0} each commit
 * stores the file before it returns. A file database also gets {@code REUSE_SPACE=FALSE}: with
 * space reused, a process killed right after writing into freed space came back, one time in
 * many thousands, with the state from before its last commits (seen by the crash harness). The
 * price is a file that grows while the service runs; production runs on PostgreSQL, whose commit
 * is durable and which needs neither.
 */
final class DurableCommits {
    private static final Pattern WRITE_DELAY = Pattern.compile(";WRITE_DELAY=([^;]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REUSE_SPACE = Pattern.compile(";REUSE_SPACE=", Pattern.CASE_INSENSITIVE);

    private DurableCommits() {
    }

    static void require(DataSourceFactory database) {
        database.setUrl(durableUrl(database.getUrl()));
    }

    static String durableUrl(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return url;
        }
        String durable = url;
        Matcher writeDelay = WRITE_DELAY.matcher(url);
        if (!writeDelay.find()) {
            durable += ";WRITE_DELAY=0";
        } else if (!writeDelay.group(1).trim().equals("0")) {
            throw new IllegalStateException("database.url sets WRITE_DELAY=" + writeDelay.group(1)
                    + ": H2 would answer commits it has not written, and a crash would forget them; leave it out or set 0");
        }
        boolean inMemory = url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
        if (!inMemory && !REUSE_SPACE.matcher(url).find()) {
            durable += ";REUSE_SPACE=FALSE";
        }
        return durable;
    }
}
