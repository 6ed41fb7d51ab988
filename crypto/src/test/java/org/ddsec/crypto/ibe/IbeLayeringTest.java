package org.ddsec.crypto.ibe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One package per concept, dependencies one way: {@code ibe} (identities, the error) ← {@code
 * ibe.internal} (arithmetic) ← {@code ibe.sakke}, {@code ibe.eccsi} ← {@code ibe.encryption}.
 */
class IbeLayeringTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.ddsec.crypto");

  @Test
  void ibeSubpackages_areFreeOfCycles() {
    slices().matching("org.ddsec.crypto.ibe.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void ibeRoot_knowsNoScheme() {
    noClasses().that().resideInAPackage("org.ddsec.crypto.ibe")
        .should().dependOnClassesThat().resideInAPackage("org.ddsec.crypto.ibe.*..").check(MAIN);
  }

  @Test
  void internal_isUsedOnlyByIbe() {
    classes().that().resideInAPackage("org.ddsec.crypto.ibe.internal..")
        .should().onlyBeAccessed().byAnyPackage("org.ddsec.crypto.ibe..").check(MAIN);
    noClasses().that().resideInAPackage("org.ddsec.crypto.ibe.internal..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ddsec.crypto.ibe.sakke..", "org.ddsec.crypto.ibe.eccsi..",
            "org.ddsec.crypto.ibe.encryption..").check(MAIN);
  }

  @Test
  void schemes_areIndependent() {
    noClasses().that().resideInAPackage("org.ddsec.crypto.ibe.sakke..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ddsec.crypto.ibe.eccsi..", "org.ddsec.crypto.ibe.encryption..").check(MAIN);
    noClasses().that().resideInAPackage("org.ddsec.crypto.ibe.eccsi..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ddsec.crypto.ibe.sakke..", "org.ddsec.crypto.ibe.encryption..",
            "org.ddsec.crypto.ibe.internal..").check(MAIN);
  }
}
