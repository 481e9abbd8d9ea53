package dev.opsbook.spec;

import dev.opsbook.spec.model.Spec;

/** Validates a bound spec: value ranges, names and rules that span several fields. */
final class SpecValidator {

  private SpecValidator() {}

  static void validate(Spec spec, Problems problems) {
    // TODO: value validation follows.
  }
}
