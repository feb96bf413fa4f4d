package dev.attache.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a flag or argument value comes from, as Consul's {@code helpers.LoadDataSource}: {@code @path} reads a
 * file, a lone {@code -} reads standard input, anything else is the value itself.
 */
final class AclDataSource {
    /** The value could not be read; the message is Consul's ({@code Failed to read file: open x: ...}). */
    static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        LoadException(String message) {
            super(message, null, false, false);
        }
    }

    private final InputStream stdin;

    AclDataSource(InputStream stdin) {
        this.stdin = stdin;
    }

    /** {@code LoadDataSource}: empty stays empty; {@code @file}; {@code -}; else the text itself (even {@code -x}). */
    String load(String data) throws LoadException {
        if (data.isEmpty()) {
            return "";
        }
        if (data.charAt(0) == '@') {
            return file(data.substring(1));
        }
        if (data.equals("-")) {
            return stdin();
        }
        return data;
    }

    /** {@code LoadDataSourceNoRaw}: a file path or {@code -}; never the text itself. */
    String loadNoRaw(String data) throws LoadException {
        if (data.isEmpty()) {
            throw new LoadException("Failed to load data: must specify a file path or '-' for stdin");
        }
        return data.equals("-") ? stdin() : file(data);
    }

    private String stdin() throws LoadException {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoadException("Failed to read stdin: " + e.getMessage());
        }
    }

    private static String file(String path) throws LoadException {
        if (path.isEmpty()) {
            throw readFailure(path, "no such file or directory");
        }
        try {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) {
                throw new LoadException("Failed to read file: read " + path + ": is a directory");
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw readFailure(path, "no such file or directory");
        } catch (AccessDeniedException e) {
            throw readFailure(path, "permission denied");
        } catch (IOException | RuntimeException e) {
            throw readFailure(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static LoadException readFailure(String path, String reason) {
        return new LoadException("Failed to read file: open " + path + ": " + reason);
    }
}
