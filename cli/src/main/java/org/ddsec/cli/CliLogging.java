package org.ddsec.cli;

/** The CLI's log level switch (the load generators and UE commands silence per-request INFO lines). */
public final class CliLogging {

  private CliLogging() {}

  /** Sets the level of the {@code org.ddsec} loggers (Logback), e.g. {@code "WARN"}. */
  public static void level(String level) {
    org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger("org.ddsec");
    if (l instanceof ch.qos.logback.classic.Logger lb) {
      lb.setLevel(ch.qos.logback.classic.Level.toLevel(level));
    }
  }
}
