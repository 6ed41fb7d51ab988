package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireWriter;

/**
 * A MIKEY payload: an immutable value whose constructor enforces every encoding constraint,
 * with its wire codec beside it (each implementation has a {@code static read(WireReader)} for
 * the bytes after the "next payload" field, and {@link #write} for the same bytes).
 *
 * <p>The "next payload" field itself belongs to the chain, not to the value: {@link
 * org.ddsec.mikey.MikeyCodec} writes it from the type of the payload that follows.
 */
public sealed interface Payload
    permits KemacPayload,
        PkePayload,
        DhPayload,
        SignPayload,
        TimestampPayload,
        IdPayload,
        CertPayload,
        CertHashPayload,
        VerificationPayload,
        SecurityPolicyPayload,
        RandPayload,
        ErrorPayload,
        TimestampRolePayload,
        IdRolePayload,
        RandRolePayload,
        TicketPolicyPayload,
        TicketPayload,
        KeyDataPayload,
        GeneralExtensionPayload,
        IbakePayload,
        EskPayload,
        SecretKeyPayload,
        EccPointPayload,
        SakkePayload {

  /** The next-payload code identifying this payload. */
  PayloadType type();

  /** Writes the payload's fields after its "next payload" field (SIGN has none). */
  void write(WireWriter w);

  /** The decoded fields, named as in the RFC, in wire order (excluding "next payload"). */
  List<Field> fields();
}
