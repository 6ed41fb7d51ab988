package org.ddsec.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.protocol.mikey.VerificationPayloads;
import java.util.concurrent.TimeUnit;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding cost of the MIKEY codec: a typical TRANSFER_INIT and a real MIKEY-SAKKE I_MESSAGE. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MikeyDecodeBenchmark {

  /** From shared/interop (smartms-1): 648 bytes, 10 payloads. */
  static final String SAKKE_I_MESSAGE =
      "ARoFgAw7PC0CAAAAAAABAAAAAAAAAAAAAAAAAAsA6pKGLAAAAAAOEPHDYz0zKDMPgzEqRkrPCQUOAQEAIDA2KWJM7haqXGrvGxpJeRhMdctdKDTcKFXxk2sjZoEfDgIBACAwNiliTO4Wqlxq7xsaSXkYTHXLXSg03ChV8ZNrI2aBHw4GAQAPc3RyZWFtd2lkZS5jb20ACgcBAA9zdHJlYW13aWRlLmNvbQAaAAAAJwABAQEBEAIBAQMBFAQBDgUBAAYBAAcBAQgBAQkBAAoBAQsBCgwBABUBAgERBC8BE38xoW59l1vGkJshcazAZXhbpjmaZ41lLbf7ext8+1caEq5Alh7P13dE851YVzVKKzcBMO2PHYx3QxJnK4Iw5Jr9z2/AGPpYWfEtjZOTabloHQTCpkAtnULI5DL9YHl6eEP/2qGbdMVDvqnr+rGNqOBRASG4Tus0kl9eECPOddSzNU2BMHYtoUdZyqjjNhcJCAwe9ip1XgKbYk2LSJW+95GxtBoDrqskE87uI+rIR2PZtknuwxp4y1v8Dg0xF867qVHOrtjbVsp2NJNVNabnpYa9WGRxtj/QqEIiOldSGysFAZL+pfXog41kr87+8A8z1emL/ssPWKxxOw08wRQ3yBu8L2/K+/e3hRTq516nBAcAFQEAAAABAAAAAAAAAAAAAAAAAAAAACCBtuiRXAXLpRZ6ioRUgh2U0VxTghji8/vfX1qe8tabRrcj6ox//iOvG6nL1OWvrf8fbcwGNCBsHBHQdtNWIYsZ8QQSzfUCAUyXppKmdx+iNuuTLqE9TMTSi40OOWeekUh9R4+7uUWe3r33G13/ecBTmmRbjf92G5c1ILt5tPdJg5bo";

  static final SecretBytes AUTH_KEY = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] ID_I = "sip:alice@ims.example.org".getBytes(StandardCharsets.UTF_8);
  static final byte[] ID_R = "sip:bob@ims.example.org".getBytes(StandardCharsets.UTF_8);

  byte[] transferInit;
  byte[] sealedTransferInit;
  byte[] sakkeMessage;

  @Setup
  public void setup() {
    transferInit = TypicalMessages.transferInit().encoded().toByteArray();
    // RFC 6043 Table 5.2: TRANSFER_INIT || Identity_i || Identity_r, HMAC-SHA-256-256.
    sealedTransferInit = VerificationPayloads.seal(TypicalMessages.HDR, TypicalMessages.transferInitBody(),
        MikeyMac.HMAC_SHA_256_256, AUTH_KEY, ID_I, ID_R).encoded().toByteArray();
    sakkeMessage = Base64.getDecoder().decode(SAKKE_I_MESSAGE);
  }

  /** Receive path of a TRANSFER_INIT: strict decode, then the V payload's MAC over the exact bytes. */
  @Benchmark
  public MikeyMessage decodeAndVerifyTransferInit() throws MikeyException {
    return VerificationPayloads.decodeAndVerify(sealedTransferInit, AUTH_KEY, ID_I, ID_R);
  }

  @Benchmark
  public MikeyMessage decodeTransferInit() throws MikeyException {
    return MikeyCodec.decode(transferInit);
  }

  @Benchmark
  public MikeyMessage decodeSakkeIMessage() throws MikeyException {
    return MikeyCodec.decode(sakkeMessage);
  }
}
