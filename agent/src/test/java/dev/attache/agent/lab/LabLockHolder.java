package dev.attache.agent.lab;

import java.nio.file.Path;
import java.time.Duration;

/** A separate process for {@link LabCommandTest}: holds a lab directory's lock until its standard input closes. */
public final class LabLockHolder {
    private LabLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (LabLock lock = LabLock.acquire(Path.of(args[0]), Duration.ofSeconds(10))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the lock until the test closes our input
            }
        }
    }
}
