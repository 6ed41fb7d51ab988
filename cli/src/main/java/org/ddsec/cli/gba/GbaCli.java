package org.ddsec.cli.gba;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.ddsec.server.bsf.BsfConfig;
import picocli.CommandLine;

/** Shared pieces of the GBA commands: config loading, a Duration converter, one-line usage errors. */
final class GbaCli {

  private GbaCli() {}

  /** A usage error (exit 2) with a one-line message. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static BsfConfig config(Path file) throws UsageException {
    try {
      return BsfConfig.load(file);
    } catch (BsfConfig.ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** ISO-8601 durations such as PT30S. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 duration such as PT30S");
      }
    }
  }

  /** Sets the level of the org.ddsec loggers (the load generator silences per-request logs). */
  static void logLevel(String level) {
    org.ddsec.cli.CliLogging.level(level);
  }
}
