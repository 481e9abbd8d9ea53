package dev.opsbook.exporter.collect.certificate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the certificates of a file: every {@code CERTIFICATE} block of a PEM file, in file
 * order, or a single DER certificate. Other PEM blocks, such as private keys, and text around
 * the blocks are skipped; their content never reaches a message. Pure: no I/O.
 */
public final class CertificateDecoder {

  /** Thrown when a file contains no certificate or a broken one. */
  public static final class CertificateFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean noCertificate;

    CertificateFileException(String message, boolean noCertificate, Throwable cause) {
      super(message, cause);
      this.noCertificate = noCertificate;
    }

    /** Returns true when the file is readable but contains no certificate at all. */
    public boolean noCertificate() {
      return noCertificate;
    }
  }

  private static final Pattern PEM_BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)\\s*-----END \\1-----", Pattern.DOTALL);

  private CertificateDecoder() {}

  /**
   * Decodes the certificates in file content.
   *
   * @throws CertificateFileException when the content contains no certificate or a block or DER
   *     structure does not decode
   */
  public static List<X509Certificate> decode(byte[] content) throws CertificateFileException {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN ")) {
      return decodePem(text);
    }
    if (content.length == 0) {
      throw new CertificateFileException("file is empty", true, null);
    }
    if ((content[0] & 0xff) != 0x30) {
      throw new CertificateFileException(
          "file is neither PEM nor DER: it has no BEGIN line and does not start with an ASN.1"
              + " sequence", true, null);
    }
    return List.of(parseDer(content, "DER certificate"));
  }

  private static List<X509Certificate> decodePem(String text) throws CertificateFileException {
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher matcher = PEM_BLOCK.matcher(text);
    int block = 0;
    while (matcher.find()) {
      block++;
      if (!matcher.group(1).equals("CERTIFICATE")) {
        continue;
      }
      String where = "PEM block " + block + " (CERTIFICATE)";
      byte[] der;
      try {
        der = Base64.getDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new CertificateFileException(where + " has invalid base64", false, e);
      }
      certificates.add(parseDer(der, where));
    }
    if (certificates.isEmpty()) {
      throw new CertificateFileException(
          "file has " + block + " PEM blocks but no CERTIFICATE block", true, null);
    }
    return certificates;
  }

  private static X509Certificate parseDer(byte[] der, String where)
      throws CertificateFileException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's X.509 parser throws unchecked exceptions on some malformed encodings.
      throw new CertificateFileException(
          where + " is not a valid X.509 certificate: " + e.getClass().getSimpleName(), false, e);
    }
  }
}
