package org.ddsec.protocol.kmsdd.mailbox;

import java.time.Instant;
import java.util.Objects;
import org.ddsec.protocol.kmsdd.DepositParameters;

/** A deposit as the mailbox stores it: its security parameters and when it arrived. */
public record DepositRecord(DepositParameters parameters, Instant depositedAt) {

  public DepositRecord {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(depositedAt, "depositedAt");
  }
}
