package dev.opsbook.exporter.runner;

/**
 * The SSH settings cannot be used: a key file is missing or cannot be decrypted, the passphrase
 * source is not set, or no key is configured. The message names the setting and the fix.
 */
public final class SshConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public SshConfigException(String message) {
    super(message);
  }

  public SshConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
