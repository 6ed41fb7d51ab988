package org.ddsec.server.bsf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BsfConfigTest {

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("bsf.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void load_fullFile_allKeysApplied() throws Exception {
    BsfConfig c = BsfConfig.load(write("""
        bsf.host = bsf.ims.example.org
        bsf.realm = ims.example.org
        bsf.ks-lifetime = PT2H
        ratelimit.max-failures = 3
        ratelimit.window = PT1M
        ub.port = 9443
        zn.port = 9444
        zn.nafs = kms.ims.example.org, mailbox.ims.example.org
        tls.out-dir = tls
        """));
    assertThat(c.settings().realm()).isEqualTo("ims.example.org");
    assertThat(c.settings().ksLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(c.settings().maxFailures()).isEqualTo(3);
    assertThat(c.settings().authorisedNafs()).containsExactlyInAnyOrder("kms.ims.example.org", "mailbox.ims.example.org");
    assertThat(c.listeners().ubPort()).isEqualTo(9443);
    assertThat(c.dbUrl()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath());
    assertThat(c.tlsOutDir()).isEqualTo(dir.resolve("tls"));
  }

  @Test
  void load_unknownKey_refusedNamingIt() throws Exception {
    BsfConfig.ConfigException e = assertThrows(BsfConfig.ConfigException.class, () -> BsfConfig.load(write("bsf.host=a\nbsf.hots=b\n")));
    assertThat(e.getMessage()).contains("bsf.hots: unknown key");
  }

  @Test
  void load_missingHost_refused() throws Exception {
    BsfConfig.ConfigException e = assertThrows(BsfConfig.ConfigException.class, () -> BsfConfig.load(write("ub.port=1\n")));
    assertThat(e.getMessage()).contains("bsf.host: missing");
  }

  @Test
  void load_badDuration_refused() throws Exception {
    BsfConfig.ConfigException e = assertThrows(BsfConfig.ConfigException.class, () -> BsfConfig.load(write("bsf.host=a\nbsf.ks-lifetime=1h\n")));
    assertThat(e.getMessage()).contains("bsf.ks-lifetime: 1h (expected: an ISO-8601 duration");
  }

  @Test
  void load_badPort_refused() throws Exception {
    assertThrows(BsfConfig.ConfigException.class, () -> BsfConfig.load(write("bsf.host=a\nub.port=70000\n")));
  }

  @Test
  void load_otherDatabase_refusedWithoutPassword() throws Exception {
    BsfConfig.ConfigException e = assertThrows(BsfConfig.ConfigException.class,
        () -> BsfConfig.load(write("bsf.host=a\ndb.url=jdbc:mysql://h/db?password=hunter2\n")));
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }
}
