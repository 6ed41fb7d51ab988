package org.ddsec.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4: every crypto primitive (MIKEY, SRTP, GBA, Milenage) computes only: no I/O, no printing, no outer layer. */
class CryptoLayeringTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.ddsec.crypto");

  @Test
  void crypto_doNoIo() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "java.io..", "java.nio.file..", "java.net..", "java.nio.channels..", "java.util.logging..", "org.slf4j..")
        .check(MAIN);
  }

  @Test
  void crypto_doNotPrint() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(MAIN);
  }

  @Test
  void crypto_knowNoCodecProtocolOrCli() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ddsec.mikey..", "org.ddsec.protocol..", "org.ddsec.cli..")
        .check(MAIN);
  }
}
