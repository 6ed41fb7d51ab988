package org.ddsec.cli.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.ddsec.cli.CliRun;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ddsec mailbox load}, tiny: every deposit stored without loss, every KMS request of each
 * kind (KMS-DD deposit and retrieval, the no-op endpoint, IBAKE key provisioning) answered 200,
 * and one IBAKE key response validated in full before its rate is taken; usage errors.
 */
class MailboxLoadCommandTest {

  @Test
  void load_tiny_noLoss_everyKmsRequestAnswered_ibakeKeysValidated() {
    CliRun r = CliRun.of("mailbox", "load", "--deposits", "4", "--concurrency", "2", "--packets", "3", "--kms-requests", "20", "--kms-concurrency", "2",
        "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("deposits=4 concurrency=2", "packets_sent=12 packets_stored=12 lost=0");
    for (String kind : new String[] {"kms_deposit", "kms_retrieval", "kms_noop_same_request", "kms_noop_fixed_body", "kms_ibake_key_request"}) {
      assertThat(r.out()).as(kind).containsPattern(kind + " requests=20 concurrency=2 failures=0 seconds=\\S+ requests_per_s=\\d+");
    }
    assertThat(r.out()).contains("kms_ibake_key_response_validated periods=[" + KeyPeriod.containing(Instant.now()) + "]");
  }

  @Test
  void load_badArguments_usageError() {
    CliRun r = CliRun.of("mailbox", "load", "--packets", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--packets 1..9000");
  }
}
