package dev.opsbook.exporter.collect.certificate;

import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Turns certificate subject and issuer names into bounded label values. */
public final class CertificateNames {

  /** Maximum length of a subject or issuer label value; longer names are cut. */
  public static final int MAX_LABEL_CHARS = 128;

  private CertificateNames() {}

  /**
   * Returns the RFC 2253 form of the name with the CN first, cut to 128 characters, so the most
   * telling part survives the cut.
   */
  public static String label(X500Principal principal) {
    String rfc2253 = principal.getName(X500Principal.RFC2253);
    String ordered = cnFirst(rfc2253);
    return ordered.length() <= MAX_LABEL_CHARS ? ordered : ordered.substring(0, MAX_LABEL_CHARS);
  }

  private static String cnFirst(String rfc2253) {
    try {
      // LdapName lists RDNs from the least specific, the reverse of the RFC 2253 text.
      List<Rdn> rdns = new ArrayList<>(new LdapName(rfc2253).getRdns());
      List<String> parts = new ArrayList<>();
      for (int i = rdns.size() - 1; i >= 0; i--) {
        Rdn rdn = rdns.get(i);
        if (rdn.getType().equalsIgnoreCase("CN")) {
          parts.add(0, rdn.toString());
        } else {
          parts.add(rdn.toString());
        }
      }
      return String.join(",", parts);
    } catch (InvalidNameException e) {
      return rfc2253;
    }
  }
}
