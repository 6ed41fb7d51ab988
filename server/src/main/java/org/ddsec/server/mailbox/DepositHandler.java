package org.ddsec.server.mailbox;

/**
 * The contract between the mailbox's SIP front (which answers forwarded INVITEs, seed Fig. 17
 * steps 3 and 7) and the mailbox service (which runs the KMS-DD mailbox role, talks to the KMS,
 * receives and stores the SRTP stream). The SIP front calls it; the service implements it.
 *
 * <p>Calls for one dialog are made in order: {@link #onInvite} once, then {@link #onCallEnded}
 * once if the INVITE was accepted. Implementations must be thread-safe across dialogs, must not
 * throw for anything a peer sent (they reject instead), and never put key material into a
 * {@link DepositAnswer.Reject} reason.
 */
public interface DepositHandler {

  /**
   * A forwarded INVITE for one of this mailbox's users. May block (it calls the KMS); the SIP
   * front sends 100 Trying before calling it.
   */
  DepositAnswer onInvite(DepositOffer offer);

  /** The dialog ended: the deposit is complete ({@link EndReason#BYE}) or must be discarded. */
  void onCallEnded(String callId, EndReason reason);

  /** Why a dialog ended. */
  enum EndReason {
    /** The caller hung up after leaving the message: commit it. */
    BYE,
    /** The caller cancelled before the mailbox answered. */
    CANCEL,
    /** No ACK, no media or no BYE within the limits: discard what arrived. */
    TIMEOUT,
    /** The SIP front failed the dialog (transport error, malformed in-dialog request). */
    ERROR
  }
}
