# Sourced by the bin/ scripts: builds a module's jar when it is missing or older than its
# sources, so a `git pull` never leaves a script running old code.

# Usage: ensure_built ROOT MODULE JAR
# Builds MODULE with its dependencies when JAR is missing or when a pom.xml or a file under
# spec/src or MODULE/src is newer than JAR.
ensure_built() {
  local root="$1" module="$2" jar="$3" newer
  if [ -f "$jar" ]; then
    newer=$(find "$root/pom.xml" "$root/spec/pom.xml" "$root/spec/src" \
      "$root/$module/pom.xml" "$root/$module/src" -newer "$jar" -print -quit 2>/dev/null)
    [ -z "$newer" ] && return 0
    echo "$module: sources changed since $jar was built; rebuilding" >&2
  else
    echo "$module: $jar is missing; building it" >&2
  fi
  mvn -B -q -f "$root/pom.xml" -pl "$module" -am package -DskipTests >&2
}
