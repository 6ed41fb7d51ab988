package org.ddsec.server.mailbox;

/**
 * The contract between the mailbox's SIP front (which answers forwarded INVITEs, seed Fig. 17
 * steps 3 and 7) and the mailbox service (which runs the KMS-DD mailbox role, talks to the KMS,
 * receives and stores the SRTP stream). The SIP front calls it; the service implements it.
 *
 * <p>A one-round exchange (KMS-DD: TRANSFER_INIT in the INVITE, TRANSFER_RESP in the 200 OK)
 * answers {@link #onInvite} with {@link DepositAnswer.Accept}. A two-round one (MIKEY-IBAKE, seed
 * Fig. 27: I_MESSAGE_1 in the INVITE, R_MESSAGE_1 in a reliable 183, I_MESSAGE_2 in the PRACK,
 * R_MESSAGE_2 in the 200 OK to the PRACK) answers {@link DepositAnswer.Progress}, and the front
 * calls {@link #onPrack} with the PRACK's MIKEY message; its Accept then completes the call. The
 * handler tells the two apart by the MIKEY message (its HDR data type); the front knows only SIP.
 *
 * <p>Calls for one dialog are made in order, never concurrently: {@link #onInvite} once; after a
 * Progress at most one {@link #onPrack}; then {@link #onCallEnded} exactly once for every dialog
 * answered Accept or Progress (also when the PRACK was answered Reject: reason {@code ERROR}).
 * Implementations must be thread-safe across dialogs, must not throw for anything a peer sent
 * (they reject instead), and never put key material into a {@link DepositAnswer.Reject} reason.
 */
public interface DepositHandler {

  /**
   * A forwarded INVITE for one of this mailbox's users. May block (it calls the KMS); the SIP
   * front sends 100 Trying before calling it.
   */
  DepositAnswer onInvite(DepositOffer offer);

  /**
   * The caller's PRACK for the reliable 183 of a {@link DepositAnswer.Progress}, with the MIKEY
   * message of its SDP offer's {@code a=key-mgmt:mikey}. {@link DepositAnswer.Accept} answers the
   * PRACK with that MIKEY and accepts the INVITE; {@link DepositAnswer.Reject} answers the PRACK
   * with the MIKEY error (if any) in an SDP with the stream at port 0 and rejects the INVITE with
   * its status. A handler that never answers Progress need not implement it.
   */
  default DepositAnswer onPrack(String callId, org.ddsec.core.Bytes mikey) {
    return new DepositAnswer.Reject(488, "no two-round key management at this mailbox", org.ddsec.core.Bytes.EMPTY);
  }

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
