package dev.opsbook.rulegen.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Words for the file errors of reading and writing the output directory. */
final class IoErrors {

  private IoErrors() {}

  /** Returns what failed on which path, without the Java exception class. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile() + "; make its directory writable";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a directory; pass a directory to --out";
    }
    if (e instanceof NotDirectoryException notDirectory) {
      return notDirectory.getFile() + " is not a directory; pass a directory to --out";
    }
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + " not found";
    }
    if (e instanceof FileSystemException failed && failed.getReason() != null) {
      return failed.getFile() + ": " + failed.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
