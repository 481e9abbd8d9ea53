package dev.opsbook.spec;

/** Builds and splits field paths such as {@code slos[0].sli.events.bad}. */
final class FieldPath {

  private FieldPath() {}

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Returns the parent path, or the empty path for a top-level key. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
