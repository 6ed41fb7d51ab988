package org.ddsec.protocol.flow;

import java.util.Objects;
import org.ddsec.mikey.MikeyException;

/** A typed refusal a party of an in-memory flow reported. */
public record Refusal(String party, MikeyException error) {

  public Refusal {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public String toString() {
    return party + ": " + error.getMessage();
  }
}
