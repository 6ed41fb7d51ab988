package org.ddsec.protocol.gba;

/**
 * A NAF's read-only view of GBA: Ks_NAF by B-TID for this NAF's own NAF_Id (TS 33.220 §4.5.3,
 * the Zn request). Implementations fix the NAF_Id; the caller names only the B-TID.
 *
 * <p>Expiry is the caller's to check against its injected clock ({@link NafKey#isValidAt}); an
 * implementation may also refuse a key it knows has expired ({@link NafKeyLookupException.Reason#EXPIRED}).
 */
public interface NafKeyLookup {

  /**
   * The NAF key for {@code bTid}.
   *
   * @throws NafKeyLookupException if the B-TID is unknown or expired, this NAF is not authorised,
   *     or the BSF cannot be reached
   */
  NafKey lookup(String bTid) throws NafKeyLookupException;
}
