package dev.opsbook.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a spec file as UTF-8 text, turning I/O failures into problems. */
final class SpecFiles {

  /** Largest spec accepted; a real spec is a few kilobytes, so more is a wrong file. */
  static final long MAX_BYTES = 1024 * 1024;

  private SpecFiles() {}

  static String read(Path file) throws SpecException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw failure(name, "is a directory; pass the path of the spec file, such as slo-spec.yaml");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw failure(name, "file is larger than 1 MiB; is this the spec file?");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw failure(name, "file not found; check the path, or create the spec file");
    } catch (AccessDeniedException e) {
      throw failure(name, "permission denied; make the file readable by this user");
    } catch (IOException e) {
      throw failure(name, "cannot read the file: " + e.getMessage());
    }
    return decode(name, bytes);
  }

  /** Decodes strict UTF-8, because a replacement character would hide a broken byte. */
  private static String decode(String name, byte[] bytes) throws SpecException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw failure(name, "file is not valid UTF-8; save it as UTF-8");
    }
  }

  private static SpecException failure(String file, String message) {
    return new SpecException(List.of(new Problem(file, 0, 0, "", message)));
  }
}
