package dev.opsbook.exporter;

/** Entry point of {@code exporter.jar}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ExporterCommand.commandLine().execute(args));
  }
}
