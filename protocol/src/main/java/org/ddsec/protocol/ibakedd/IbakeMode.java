package org.ddsec.protocol.ibakedd;

/**
 * Which protection the I_MESSAGE/R_MESSAGE exchange carries (docs/profile-ibake-dd.md, "Two
 * profiles"). Both parties of an exchange must run the same mode; a message of the other mode is
 * refused.
 */
public enum IbakeMode {
  /**
   * RFC 6267 as written: I_MESSAGE_1, R_MESSAGE_1 and I_MESSAGE_2 carry no MAC or signature, and
   * R_MESSAGE_2's V payload leaves every ESK out (§5.4). Kept so that the tests can show what it
   * leaves open — the seed's "ALU1" substitution of the ESK is accepted.
   */
  STRICT_RFC_6267,
  /**
   * ddsec's profile: I_MESSAGE_1, R_MESSAGE_1 and I_MESSAGE_2 end in a SIGN payload, an ECCSI
   * signature (RFC 6507, as RFC 6509 uses it) by the sender's identity for the message's key
   * period, covering the whole message up to the Signature field — the ESK included — followed
   * by the identities; R_MESSAGE_2 keeps RFC 6267's V payload. Every byte of every message is
   * then covered.
   */
  DDSEC_SIGNED
}
