package org.ddsec.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4: protocol is sans-I/O (no sockets, no files, no console) and calls only inward. */
class LayeringTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.ddsec.protocol");

  @Test
  void protocol_opensNoSocketAndNoFile() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
        .check(MAIN);
  }

  @Test
  void protocol_doesNotPrint() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(MAIN);
  }

  @Test
  void protocol_doesNotDependOnAdapters() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ddsec.cli..", "org.ddsec.server..", "org.ddsec.client..")
        .check(MAIN);
  }
}
