package dev.opsbook.e2e.demo;

import dev.opsbook.rulegen.alertmanager.AlertmanagerConfigRenderer;
import dev.opsbook.rulegen.alertmanager.TestOverrides;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Alertmanager configuration of {@code bin/demo}: the generated routes, timing and
 * inhibitions of a spec, with every receiver's integration replaced by a webhook to a local URL.
 *
 * <p>Usage: {@code DemoAlertmanagerConfig SPEC OUT WEBHOOK_URL}. Exit status 2 for invalid
 * arguments or spec, 1 when the file cannot be written.
 */
public final class DemoAlertmanagerConfig {

  private DemoAlertmanagerConfig() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: DemoAlertmanagerConfig SPEC OUT WEBHOOK_URL");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    String text;
    try {
      Spec spec = SpecLoader.load(Path.of(args[0]));
      text = new AlertmanagerConfigRenderer().render(spec, TestOverrides.webhook(args[2]));
    } catch (SpecException e) {
      e.problems().forEach(problem -> System.err.println(problem));
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("error: invalid webhook URL " + args[2] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Files.writeString(out, text);
    } catch (IOException e) {
      System.err.println("error: cannot write " + out + ": " + e);
      System.exit(1);
    }
  }
}
