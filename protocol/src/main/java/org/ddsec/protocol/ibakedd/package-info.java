/**
 * MIKEY-IBAKE deferred delivery (3GPP TR 33.828 §7.6.2.5, Figure 27; RFC 6267) as pure state
 * machines: {@code kms} (RFC 6267 §4.2.1 key provisioning), {@code provisioning} (its client),
 * {@code initiator} (UE-A), {@code responder} (UE-B online), {@code mailbox} (B's deferred
 * delivery server) and {@code recipient} (UE-B fetching its messages), with the shared profile
 * here: {@link org.ddsec.protocol.ibakedd.IbakeProfile} (code points), {@link
 * org.ddsec.protocol.ibakedd.IbakeMessages} (layouts, IBE payloads, signatures, key
 * derivations), {@link org.ddsec.protocol.ibakedd.KeyRequests}, {@link
 * org.ddsec.protocol.ibakedd.IbakeInbox}. Two profiles ({@link
 * org.ddsec.protocol.ibakedd.IbakeMode}): RFC 6267 as written, and ddsec's with ECCSI signatures
 * over the ESK. Every message, check and choice is in {@code docs/profile-ibake-dd.md}.
 */
package org.ddsec.protocol.ibakedd;
