package dev.attache.agent;

import dev.attache.api.acl.BootstrapReset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data_dir>/acl-bootstrap-reset}: an operator writes the reset index that {@code PUT /v1/acl/bootstrap}
 * reported there, and the next bootstrap through this agent may run again; the file is removed once used.
 * A file that does not hold a number counts as index 0, which no reset index matches.
 */
final class BootstrapResetFile implements BootstrapReset {
    private static final Logger log = LoggerFactory.getLogger(BootstrapResetFile.class);
    static final String FILE = "acl-bootstrap-reset";

    private final Path file;

    BootstrapResetFile(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public long resetIndex() {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            log.warn("{} does not hold a reset index", file);
            return 0;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.toString());
            return -1;
        }
    }

    @Override
    public void consumed() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
