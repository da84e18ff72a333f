# Sourced by ./scribehook and bin/mvn: finds a JDK 21+ and Maven, or says what to install.
# Order: $JAVA_HOME when it is 21+, then the newest JDK 21+ under /usr/lib/jvm (and
# /opt/java, ~/.sdkman, ~/.jdks), then the `java` on PATH when it is 21+.

scribehook_java_major() { # $1 = path to a java binary; prints its major version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

scribehook_find_jdk() { # sets SCRIBEHOOK_JAVA_HOME or returns 1
  local cand major best="" bestmajor=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(scribehook_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then SCRIBEHOOK_JAVA_HOME=$JAVA_HOME; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(scribehook_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$bestmajor" ]; then best=$cand; bestmajor=$major; fi
  done
  if [ -n "$best" ]; then SCRIBEHOOK_JAVA_HOME=$best; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(scribehook_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then SCRIBEHOOK_JAVA_HOME=$cand; return 0; fi
  fi
  return 1
}

scribehook_require_jdk() {
  if ! scribehook_find_jdk; then
    echo "scribehook: no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm, PATH); install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME to it" >&2
    exit 2
  fi
  export JAVA_HOME=$SCRIBEHOOK_JAVA_HOME
}

scribehook_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "scribehook: Maven (mvn) not found on PATH; install it, e.g. 'apt-get install maven' (3.8 or newer)" >&2
    exit 2
  fi
}
