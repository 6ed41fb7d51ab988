package org.ddsec.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * An external program a test needs (tshark, sipp, ffmpeg, PostgreSQL's initdb …).
 *
 * <p>{@link #require(String)} finds it on the {@code PATH} (or in extra directories). When it is
 * absent the test is <em>skipped</em> with a message naming the tool — unless the system
 * property {@code ddsec.requireExternalTools} is {@code true} (CI sets it through surefire),
 * in which case the test <em>fails</em>, so a CI machine without the tool cannot pass silently.
 * {@link #run} runs it with a time limit and captures its output.
 */
public final class ExternalTool {

  /** The system property that turns "skip when absent" into "fail when absent". */
  public static final String REQUIRE_PROPERTY = "ddsec.requireExternalTools";

  private final String name;
  private final Path executable;

  private ExternalTool(String name, Path executable) {
    this.name = name;
    this.executable = executable;
  }

  /** What a finished run printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /**
   * The tool {@code name}, found on the {@code PATH} or in {@code extraDirs}; skips (or, with
   * {@value #REQUIRE_PROPERTY}=true, fails) the calling test when it is absent.
   */
  public static ExternalTool require(String name, Path... extraDirs) {
    Optional<Path> p = find(name, extraDirs);
    if (p.isEmpty()) {
      String msg = name + " is not installed (not on PATH" + (extraDirs.length > 0 ? " nor in " + List.of(extraDirs) : "")
          + "); scripts/install-test-tools installs it";
      if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
        throw new AssertionFailedError(msg + " — and " + REQUIRE_PROPERTY + "=true, so this test must not skip");
      }
      Assumptions.abort(msg + " — skipped (set -D" + REQUIRE_PROPERTY + "=true to fail instead)");
    }
    return new ExternalTool(name, p.get());
  }

  /** The executable named {@code name} on the {@code PATH} or in {@code extraDirs}, if any. */
  public static Optional<Path> find(String name, Path... extraDirs) {
    List<Path> dirs = new ArrayList<>(List.of(extraDirs));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (Path d : dirs) {
      Path c = d.resolve(name);
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public String name() {
    return name;
  }

  public Path executable() {
    return executable;
  }

  /**
   * Runs the tool with {@code args}, waiting at most {@code timeoutSeconds}; the process is
   * killed if it takes longer, and the test fails.
   */
  public Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close(); // no standard input: a tool waiting for it sees end of file
    StreamGobbler out = new StreamGobbler(p.getInputStream());
    StreamGobbler err = new StreamGobbler(p.getErrorStream());
    out.start();
    err.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionFailedError(name + " " + String.join(" ", args) + ": still running after " + timeoutSeconds + " s");
    }
    out.join();
    err.join();
    return new Result(p.exitValue(), out.text(), err.text());
  }

  private static final class StreamGobbler extends Thread {
    private final InputStream in;
    private volatile String text = "";

    StreamGobbler(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "(reading output failed: " + e + ")";
      }
    }

    String text() {
      return text;
    }
  }
}
