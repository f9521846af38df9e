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
. "$here/classpath.sh"
cp=$(easel_test_classpath "$repo")
"$java" -Djava.awt.headless=true -cp "$cp" \
    dev.easel.bench.MakeLibrary "$home" "$count" "$size"
