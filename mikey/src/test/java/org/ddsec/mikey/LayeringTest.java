package org.ddsec.mikey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4: the codec knows no JCE and does no I/O. */
class LayeringTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.ddsec.mikey");

  @Test
  void mikey_usesNoCryptoAndNoIo() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage(
            "javax.crypto..", "java.security..", "org.bouncycastle..",
            "java.io..", "java.nio.file..", "java.net..", "java.nio.channels..")
        .check(MAIN);
  }

  @Test
  void mikey_doesNotPrint() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(MAIN);
  }

  @Test
  void mikey_dependsOnlyOnCore() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ddsec.crypto..", "org.ddsec.protocol..", "org.ddsec.cli..")
        .check(MAIN);
  }
}
