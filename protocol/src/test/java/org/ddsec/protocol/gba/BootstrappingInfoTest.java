package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.ddsec.core.Bytes;
import org.junit.jupiter.api.Test;

/** TS 24.109 Annex C: the application/vnd.3gpp.bsf+xml body. */
class BootstrappingInfoTest {

  @Test
  void encode_thenDecode_roundTrips() throws Exception {
    BootstrappingInfo i = new BootstrappingInfo("I1U8vpY3qJ0hiuZNrke/NQ==@bsf.ims.example.org", Instant.parse("2026-11-25T13:00:00Z"));
    assertThat(i.encode().utf8()).contains("<BootstrappingInfo xmlns=\"uri:3gpp-gba\">", "<lifetime>2026-11-25T13:00:00Z</lifetime>");
    assertThat(BootstrappingInfo.decode(i.encode())).isEqualTo(i);
  }

  @Test
  void decode_doctype_refused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]>"
        + "<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>&e;</btid><lifetime>2026-11-25T13:00:00Z</lifetime></BootstrappingInfo>";
    assertThrows(DigestException.class, () -> BootstrappingInfo.decode(Bytes.utf8(xml)));
  }

  @Test
  void decode_wrongNamespace_refused() {
    String xml = "<BootstrappingInfo xmlns=\"urn:other\"><btid>a@b</btid><lifetime>2026-11-25T13:00:00Z</lifetime></BootstrappingInfo>";
    DigestException e = assertThrows(DigestException.class, () -> BootstrappingInfo.decode(Bytes.utf8(xml)));
    assertThat(e.getMessage()).contains("expected: {uri:3gpp-gba}BootstrappingInfo");
  }

  @Test
  void decode_missingLifetime_refused() {
    String xml = "<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>a@b</btid></BootstrappingInfo>";
    assertThrows(DigestException.class, () -> BootstrappingInfo.decode(Bytes.utf8(xml)));
  }

  @Test
  void decode_badDate_refused() {
    String xml = "<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>a@b</btid><lifetime>tomorrow</lifetime></BootstrappingInfo>";
    assertThrows(DigestException.class, () -> BootstrappingInfo.decode(Bytes.utf8(xml)));
  }
}
