#!/usr/bin/env bash
# Measures the gallery on a library made by make-library.sh: search latency, first thumbnails, scroll frame times,
# heap (the JVM gets -Xmx300m: the heap goal is 300 MB). The JVM runs with the packaged app's options from
# jlink.properties (C1 only, as shipped), so the figures are the ones users get; JVM=default measures the JDK's
# default compilers instead.
# Usage: [JVM=app|default] src/test/scripts/gallery-benchmark.sh HOME [ROWS_PER_FRAME=1] [headless|gtk] [cold]
#   cold: an empty thumbnail cache; measures only the first screen (thumbnails made from the PNGs)
#   headless: JavaFX's Headless platform with software rendering (no display needed)
#   gtk: a real window (needs DISPLAY, e.g. Xvfb :77 & DISPLAY=:77)
set -euo pipefail
home=${1:?an Easel home folder made by make-library.sh}
rows=${2:-1}
platform=${3:-headless}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
. "$here/classpath.sh"
cp=$(easel_test_classpath "$repo")
flags=()
if [ "${JVM:-app}" = app ]; then mapfile -t flags < <(easel_app_jvm_options "$repo"); fi
flags+=(-Xmx300m -Dprism.order=sw -Djavafx.cachedir="$repo/target/fxcache")
echo "JVM options: ${flags[*]}" >&2
if [ "$platform" = headless ]; then flags+=(-Dglass.platform=Headless); fi
"$java" "${flags[@]}" -cp "$cp" \
    dev.easel.bench.GalleryBenchmark "$home" "$rows" "${4:-warm}" 2>&1 | grep -v -E '^WARNING|Unsupported JavaFX configuration'
