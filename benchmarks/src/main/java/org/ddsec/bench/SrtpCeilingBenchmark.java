package org.ddsec.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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

/**
 * The practical ceiling for {@link SrtpBenchmark}: the same JCE work per 172-byte packet with no
 * SRTP around it — no header parsing, index estimation, replay window, key lookup or result
 * object. {@code aesCtrHmacSha1}: AES-128-CTR over the 160-byte payload with a fresh IV, then
 * HMAC-SHA1 over header, payload and a 4-byte ROC, truncated to 80 bits. {@code aesGcm}:
 * AES-128-GCM with the 12-byte header as AAD and a fresh 12-byte IV.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SrtpCeilingBenchmark {

  Cipher ctr;
  Cipher gcm;
  Mac hmac;
  SecretKeySpec aes;
  byte[] packet = new byte[12 + SrtpBenchmark.PAYLOAD];
  byte[] out = new byte[12 + SrtpBenchmark.PAYLOAD + 16];
  byte[] iv16 = new byte[16];
  byte[] iv12 = new byte[12];
  byte[] roc = new byte[4];
  byte[] mac = new byte[20];
  long counter;

  @Setup
  public void setup() throws GeneralSecurityException {
    aes = new SecretKeySpec(new byte[16], "AES");
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    hmac = Mac.getInstance("HmacSHA1");
    hmac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
  }

  @Benchmark
  public byte[] aesCtrHmacSha1() throws GeneralSecurityException {
    counter++;
    iv16[12] = (byte) (counter >>> 8);
    iv16[13] = (byte) counter;
    iv16[11] = (byte) (counter >>> 16);
    ctr.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv16));
    System.arraycopy(packet, 0, out, 0, 12);
    ctr.doFinal(packet, 12, SrtpBenchmark.PAYLOAD, out, 12);
    hmac.update(out, 0, 12 + SrtpBenchmark.PAYLOAD);
    hmac.update(roc);
    hmac.doFinal(mac, 0);
    System.arraycopy(mac, 0, out, 12 + SrtpBenchmark.PAYLOAD, 10);
    return out;
  }

  @Benchmark
  public byte[] aesGcm() throws GeneralSecurityException {
    counter++;
    for (int i = 0; i < 8; i++) {
      iv12[11 - i] = (byte) (counter >>> (8 * i));
    }
    gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv12));
    gcm.updateAAD(packet, 0, 12);
    System.arraycopy(packet, 0, out, 0, 12);
    gcm.doFinal(packet, 12, SrtpBenchmark.PAYLOAD, out, 12);
    return out;
  }
}
