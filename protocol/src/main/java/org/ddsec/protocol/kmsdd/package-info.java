/**
 * KMS-based deferred delivery (3GPP TR 33.828 §7.4.3.3, Figures 17–19) on MIKEY-TICKET
 * (RFC 6043), as pure state machines: {@code caller} (UE-A), {@code mailbox} (B's deferred
 * delivery server), {@code kms} and {@code recipient} (UE-B), with the shared profile here. The
 * profile, every code point and every check is in {@code docs/profile-kms-dd.md}.
 */
package org.ddsec.protocol.kmsdd;
