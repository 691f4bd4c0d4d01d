package org.parley.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process whose output goes to a log file, killed as a crash would kill it or stopped politely. */
final class LoggedProcess {
    private final String name;
    private final Path log;
    private final Process process;

    private LoggedProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static LoggedProcess start(String name, Path log, List<String> command) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new LoggedProcess(name, log, p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as when the machine loses the process. */
    void kill() {
        process.destroyForcibly();
        await();
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code seconds}. */
    void stop(int seconds) {
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await();
    }

    private void await() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of its output, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return name + " (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return name + ": no log (" + e.getMessage() + ")";
        }
    }
}
