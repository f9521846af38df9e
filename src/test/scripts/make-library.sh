#!/usr/bin/env bash
# Makes a library of procedural demo images (PNG + metadata + index + thumbnails), as Easel saves results, under an
# Easel home folder. Resumable: run it again to finish an interrupted run.
# Usage: src/test/scripts/make-library.sh HOME [COUNT=20000] [SIZE=512]
# Then: EASEL_HOME=HOME ./mvnw javafx:run   (or gallery-benchmark.sh HOME, see docs/benchmarks.md)
set -euo pipefail
home=${1:?an Easel home folder to fill}
count=${2:-20000}
size=${3:-512}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cp_file=$(mktemp)
(cd "$repo" && ./mvnw -B -ntp -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >/dev/null)
"$java" -Djava.awt.headless=true -cp "$repo/target/test-classes:$repo/target/classes:$(cat "$cp_file")" \
    dev.easel.bench.MakeLibrary "$home" "$count" "$size"
rm -f "$cp_file"
