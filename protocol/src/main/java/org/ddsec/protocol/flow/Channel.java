package org.ddsec.protocol.flow;

/** What kind of exchange an in-memory envelope belongs to (the transport it stands for). */
public enum Channel {
  /** SIP INVITE / 200 OK / ACK bodies ({@code a=key-mgmt:mikey}). */
  SIP,
  /** HTTPS {@code application/mikey} to and from a KMS. */
  KMS,
  /** HTTPS inbox request/response between a recipient and its mailbox. */
  INBOX
}
