package dev.opsbook.rulegen.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.diff("a", "b", "x\n", "x\n")).isEmpty();
  }

  @Test
  void changedLineWithContext() {
    String old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String changed = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

    assertThat(UnifiedDiff.diff("old", "new", old, changed))
        .isEqualTo(
            "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  }

  @Test
  void distantChangesGetTwoHunks() {
    StringBuilder old = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      old.append("line ").append(i).append('\n');
    }
    String changed =
        old.toString().replace("line 2\n", "line two\n").replace("line 19\n", "line 19!\n");

    String diff = UnifiedDiff.diff("old", "new", old.toString(), changed);

    assertThat(diff).contains("@@ -1,5 +1,5 @@").contains("@@ -16,5 +16,5 @@");
  }

  @Test
  void appendedAndEmptyFiles() {
    assertThat(UnifiedDiff.diff("old", "new", "", "a\n"))
        .isEqualTo("--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n");
    assertThat(UnifiedDiff.diff("old", "new", "a\n", "a\nb\n"))
        .isEqualTo("--- old\n+++ new\n@@ -1 +1,2 @@\n a\n+b\n");
  }
}
