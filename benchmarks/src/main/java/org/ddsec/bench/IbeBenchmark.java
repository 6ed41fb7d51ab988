package org.ddsec.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.kems.SAKKEKEMExtractor;
import org.bouncycastle.crypto.kems.SAKKEKEMSGenerator;
import org.bouncycastle.crypto.params.ECCSIPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECCSIPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.SAKKEPrivateKeyParameters;
import org.bouncycastle.crypto.params.SAKKEPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECCSISigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.Eccsi;
import org.ddsec.crypto.ibe.eccsi.EccsiKeyMaterial;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.eccsi.EccsiSignature;
import org.ddsec.crypto.ibe.eccsi.EccsiSigningKey;
import org.ddsec.crypto.ibe.internal.MillerLines;
import org.ddsec.crypto.ibe.internal.MontgomeryField;
import org.ddsec.crypto.ibe.internal.TatePairing;
import org.ddsec.crypto.ibe.sakke.EncapsulatedData;
import org.ddsec.crypto.ibe.sakke.Encapsulation;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;
import org.ddsec.crypto.ibe.sakke.Sakke;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
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
 * Identity-based crypto, ddsec's against Bouncy Castle 1.86's on the same inputs: the RFC 6508
 * Appendix A KMS, identity and SSV (where Bouncy Castle's encodings coincide with the RFC's, so
 * its KEM interoperates), SAKKE parameter set 1 (1024-bit p), and ECCSI on P-256.
 *
 * <p>{@code bcPairing} calls Bouncy Castle's package-private {@code
 * SAKKEKEMExtractor.computePairing} (the pairing its extractor runs) through reflection;
 * {@code bcDecapsulate} is its {@code extractSecret}, which derives the RSK from the KMS master
 * secret once (in setup) and then pairs and checks like ours.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IbeBenchmark {

  private static final String Z_HEX = "AFF429D35F84B110D094803B3595A6E2998BC99F";
  private static final String SSV_HEX = "123456789ABCDEF0123456789ABCDEF0";

  SakkeParameters params;
  Identity id;
  SakkeKms kms;
  SecretBytes rskBytes;
  ReceiverSecretKey rsk;
  EncapsulatedData data;
  byte[] dataBytes;
  SecureRandom random;
  MontgomeryField field;
  BigInteger rx;
  BigInteger ry;
  BigInteger kx;
  BigInteger ky;
  MillerLines kLines;

  SAKKEPublicKeyParameters bcPublic;
  SAKKEKEMExtractor bcExtractor;
  SAKKEKEMSGenerator bcGenerator;
  MethodHandle bcComputePairing;
  ECPoint bcR;
  ECPoint bcK;

  EccsiKms eccsiKms;
  EccsiSigningKey signer;
  Bytes message;
  Bytes signature;
  ECCSISigner bcSigner;
  ECCSISigner bcVerifier;

  @Setup
  public void setup() throws Throwable {
    params = SakkeParameters.parameterSet1();
    id = Identity.tel(KeyPeriod.of(2011, 2), "+447700900123");
    kms = SakkeKms.fromMasterSecret(params, SecretBytes.fromHex(Z_HEX));
    rskBytes = kms.issueReceiverSecretKey(id);
    rsk = ReceiverSecretKey.validate(kms.publicKey(), id, rskBytes);
    Encapsulation e = Sakke.encapsulate(kms.publicKey(), id, SecretBytes.fromHex(SSV_HEX)).orElseThrow();
    data = e.data();
    dataBytes = data.encoded().toByteArray();
    random = new SecureRandom();
    field = new MontgomeryField(params.p());
    ECPoint r = params.curve().decodePoint(data.r().toByteArray()).normalize();
    ECPoint k = params.curve().decodePoint(rskBytes.unsafeBytes()).normalize();
    rx = r.getAffineXCoord().toBigInteger();
    ry = r.getAffineYCoord().toBigInteger();
    kx = k.getAffineXCoord().toBigInteger();
    ky = k.getAffineYCoord().toBigInteger();
    kLines = MillerLines.precompute(field, params.q(), kx, ky).orElseThrow();

    ECCurve bcCurve = new SAKKEPublicKeyParameters(BigInteger.ONE, null).getCurve();
    bcPublic = new SAKKEPublicKeyParameters(new BigInteger(1, id.bytes().toByteArray()),
        bcCurve.decodePoint(kms.publicKey().encoded().toByteArray()));
    bcExtractor = new SAKKEKEMExtractor(new SAKKEPrivateKeyParameters(new BigInteger(Z_HEX, 16), bcPublic));
    bcGenerator = new SAKKEKEMSGenerator(random);
    Method m = SAKKEKEMExtractor.class.getDeclaredMethod("computePairing", ECPoint.class, ECPoint.class, BigInteger.class, BigInteger.class);
    m.setAccessible(true);
    bcComputePairing = MethodHandles.lookup().unreflect(m)
        .asType(MethodType.methodType(BigInteger.class, ECPoint.class, ECPoint.class, BigInteger.class, BigInteger.class));
    bcR = bcCurve.decodePoint(data.r().toByteArray());
    bcK = bcCurve.decodePoint(rskBytes.unsafeBytes());
    BigInteger w = (BigInteger) bcComputePairing.invoke(bcR, bcK, params.p(), params.q());
    if (!Optional.of(w).equals(kLines.pairWith(rx, ry)) || !java.util.Arrays.equals(bcExtractor.extractSecret(dataBytes),
        SecretBytes.fromHex(SSV_HEX).unsafeBytes())) {
      throw new IllegalStateException("Bouncy Castle and ddsec disagree on the benchmark input");
    }

    EccsiParameters ep = EccsiParameters.p256();
    eccsiKms = EccsiKms.generate(ep, random);
    EccsiKeyMaterial km = eccsiKms.issue(id, random);
    signer = EccsiSigningKey.validate(eccsiKms.kpak(), id, km.ssk(), km.pvt());
    message = Bytes.of(new byte[300]);
    signature = Eccsi.sign(signer, message, random).encoded();
    ECPoint kpak = ep.x9().getCurve().decodePoint(eccsiKms.kpak().encoded().toByteArray());
    ECPoint pvt = ep.x9().getCurve().decodePoint(km.pvt().toByteArray());
    bcSigner = new ECCSISigner(kpak, ep.x9(), new SHA256Digest(), id.bytes().toByteArray());
    bcSigner.init(true, new ParametersWithRandom(new ECCSIPrivateKeyParameters(new BigInteger(1, km.ssk().unsafeBytes()),
        new ECCSIPublicKeyParameters(pvt)), random));
    bcVerifier = new ECCSISigner(kpak, ep.x9(), new SHA256Digest(), id.bytes().toByteArray());
    bcVerifier.init(false, new ECCSIPublicKeyParameters(pvt));
  }

  // ---- SAKKE: the pairing ----

  /** Bouncy Castle's pairing &lt;R, K&gt; (affine Miller loop, one inversion per step). */
  @Benchmark
  public Object bcPairing() throws Throwable {
    return (BigInteger) bcComputePairing.invoke(bcR, bcK, params.p(), params.q());
  }

  /** ddsec's pairing &lt;R, K&gt; from scratch (projective Miller loop on Montgomery limbs). */
  @Benchmark
  public Optional<BigInteger> pairing() {
    return TatePairing.pair(field, params.q(), rx, ry, kx, ky);
  }

  /** ddsec's pairing &lt;K, R&gt; = &lt;R, K&gt; with K's lines precomputed (what decapsulation runs). */
  @Benchmark
  public Optional<BigInteger> pairingWithPrecomputedKey() {
    return kLines.pairWith(rx, ry);
  }

  // ---- SAKKE: the KEM ----

  @Benchmark
  public byte[] bcDecapsulate() {
    return bcExtractor.extractSecret(dataBytes);
  }

  @Benchmark
  public SecretBytes decapsulate() throws IbeException {
    return Sakke.decapsulate(rsk, data);
  }

  @Benchmark
  public SecretWithEncapsulation bcEncapsulate() {
    return bcGenerator.generateEncapsulated(bcPublic);
  }

  @Benchmark
  public Encapsulation encapsulate() {
    return Sakke.encapsulate(kms.publicKey(), id, random);
  }

  /** RSK validation (RFC 6508 §6.1.2) with the precomputation for later decapsulations. */
  @Benchmark
  public ReceiverSecretKey validateRsk() throws IbeException {
    return ReceiverSecretKey.validate(kms.publicKey(), id, rskBytes);
  }

  // ---- ECCSI (P-256) ----

  @Benchmark
  public EccsiSignature eccsiSign() {
    return Eccsi.sign(signer, message, random);
  }

  @Benchmark
  public Bytes eccsiVerify() throws IbeException {
    Eccsi.verify(eccsiKms.kpak(), id, message, signature);
    return signature;
  }

  @Benchmark
  public byte[] bcEccsiSign() throws Exception {
    byte[] m = message.toByteArray();
    bcSigner.update(m, 0, m.length);
    return bcSigner.generateSignature();
  }

  @Benchmark
  public boolean bcEccsiVerify() {
    byte[] m = message.toByteArray();
    bcVerifier.update(m, 0, m.length);
    return bcVerifier.verifySignature(signature.toByteArray());
  }
}
