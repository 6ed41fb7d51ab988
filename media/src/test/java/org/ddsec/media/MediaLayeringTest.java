package org.ddsec.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §4: media is sans-I/O (it works on arrays and on streams handed in, but opens no
 * file and no socket, and does not print), and calls only inward.
 */
class MediaLayeringTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.ddsec.media");

  @Test
  void media_opensNoSocketAndNoFile() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
        .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
        .check(MAIN);
  }

  @Test
  void media_doesNotPrintOrLog() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.slf4j..")
        .check(MAIN);
  }

  @Test
  void media_doesNotDependOnCodecProtocolOrAdapters() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.ddsec.mikey..", "org.ddsec.protocol..", "org.ddsec.cli..", "org.ddsec.server..", "org.ddsec.client..")
        .check(MAIN);
  }

  @Test
  void srtpInternals_areUsedOnlyBySrtp() {
    noClasses().that().resideOutsideOfPackages("org.ddsec.media.srtp..").should().dependOnClassesThat()
        .resideInAPackage("org.ddsec.media.srtp.internal..").check(MAIN);
  }
}
