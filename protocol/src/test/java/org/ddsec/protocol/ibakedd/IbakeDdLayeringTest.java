package org.ddsec.protocol.ibakedd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One package per role (STYLE.md): the roles of IBAKE-DD share only {@code ibakedd} itself (the
 * profile, messages, keys) and the protocol layer's common pieces; none reaches into another
 * role, and only the in-memory world wires them together.
 */
class IbakeDdLayeringTest {

  private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.ddsec.protocol");

  private static final String[] ROLES = {"kms", "provisioning", "initiator", "responder", "mailbox", "recipient"};

  @Test
  void roles_dependOnNoOtherRoleAndNotOnTheWorld() {
    for (String role : ROLES) {
      String[] others = java.util.Arrays.stream(ROLES).filter(r -> !r.equals(role)).map(r -> "org.ddsec.protocol.ibakedd." + r + "..")
          .toArray(String[]::new);
      noClasses().that().resideInAPackage("org.ddsec.protocol.ibakedd." + role + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .orShould().dependOnClassesThat().resideInAPackage("org.ddsec.protocol.ibakedd.flow..")
          .check(MAIN);
    }
  }

  @Test
  void sharedPackage_dependsOnNoRole() {
    noClasses().that().resideInAPackage("org.ddsec.protocol.ibakedd")
        .should().dependOnClassesThat().resideInAnyPackage("org.ddsec.protocol.ibakedd.*..")
        .check(MAIN);
  }

  @Test
  void nothingOutsideIbakeDd_dependsOnIt() {
    noClasses().that().resideOutsideOfPackage("org.ddsec.protocol.ibakedd..")
        .should().dependOnClassesThat().resideInAPackage("org.ddsec.protocol.ibakedd..")
        .check(MAIN);
  }
}
