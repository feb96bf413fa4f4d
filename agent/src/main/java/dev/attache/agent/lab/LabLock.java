package dev.attache.agent.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on a lab directory, held while one command changes the lab (its {@code lab.json}, its agent
 * processes, its network), so that two commands run at once on one directory take turns instead of overwriting each
 * other's state. The lock is the operating system's, on {@code DIR/.lock}: it is released when the command ends,
 * however it ends. The file holds the pid of the command that has it, for the error message.
 */
public final class LabLock implements AutoCloseable {

    static final String FILE = ".lock";
    /** How long a command waits for another one on the same directory before it gives up. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dir} (created if missing), waiting up to {@code wait} for a command that holds it.
     *
     * @throws LabException when another command still holds it after {@code wait}
     */
    public static LabLock acquire(Path dir, Duration wait) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    return new LabLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    String holder = holder(channel);
                    channel.close();
                    throw LabException.error("another lab command" + holder + " is still running on " + dir
                            + "; run this one when it has finished");
                }
                Thread.sleep(POLL_MILLIS); // another process's lock: there is nothing to be notified by
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the lab directory " + dir, e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw LabException.error("interrupted while waiting for another lab command on " + dir);
        }
    }

    /** The lock, or null when another process (or another command in this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = channel.read(buf, 0);
            String pid = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // a purged directory: the lock goes with the channel
        }
        closeQuietly(channel);
    }
}
