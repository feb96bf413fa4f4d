package dev.attache.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Test tools the it-tests install from Debian's packages when the machine lacks them (promtool, Chromium). */
final class DebianPackages {
    private static boolean aptUpdated;

    private DebianPackages() {
    }

    /**
     * {@code file}, installed from Debian's {@code pkg} when missing. Skips where it cannot be installed (not root, or
     * not Debian); fails when the install did not bring it.
     */
    static synchronized Path require(Path file, String pkg) throws IOException, InterruptedException {
        if (Files.exists(file)) {
            return file;
        }
        boolean debian = Files.exists(Path.of("/etc/debian_version"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(debian && root,
                file + " is missing and cannot be installed here (needs root on Debian: apt-get install " + pkg + ")");
        if (!aptUpdated) {
            run(List.of("apt-get", "update", "-qq"));
            aptUpdated = true;
        }
        run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg));
        if (!Files.exists(file)) {
            fail(file + " still missing after apt-get install " + pkg);
        }
        return file;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }
}
