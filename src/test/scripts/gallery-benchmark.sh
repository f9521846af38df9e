#!/usr/bin/env bash
# Measures the gallery on a library made by make-library.sh: search latency, first thumbnails, scroll frame times,
# heap (the JVM gets -Xmx300m: the heap goal is 300 MB). The JVM runs with the packaged app's options from
# jlink.properties (C1 only, as shipped), so the figures are the ones users get; JVM=default measures the JDK's
# default compilers instead. And like the app it runs with a startup cache (the JDK's AOT cache) trained the way the
# app's is, by one run of Easel's smoke test (on this class path and these options; made once, in target/bench-aot);
# AOT=off leaves it out.
# Usage: [JVM=app|default] [AOT=on|off] src/test/scripts/gallery-benchmark.sh HOME [ROWS_PER_FRAME=1] [headless|gtk] [cold]
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
if [ "${AOT:-on}" = on ]; then
    mkdir -p "$repo/target/bench-aot"
    # the JVM's class-data sharing reads classes from jars only: the compiled folders go into jars named by content
    for dir in classes test-classes; do
        sum=$(cd "$repo/target/$dir" && find . -type f | sort | xargs sha1sum | sha1sum | cut -c1-16)
        jar="$repo/target/bench-aot/$dir-$sum.jar"
        [ -f "$jar" ] || "${java%/java}/jar" --create --file "$jar" -C "$repo/target/$dir" .
        cp=${cp/"$repo/target/$dir:"/"$jar:"}
    done
    aot="$repo/target/bench-aot/gallery-$(printf '%s\n' "$cp" "${flags[@]}" | sha1sum | cut -c1-16).aot"
    if [ ! -f "$aot" ]; then
        echo "training the startup cache, as the app's is trained (its smoke test): $aot" >&2
        "$java" "${flags[@]}" -XX:AOTCacheOutput="$aot" -cp "$cp" dev.easel.Launcher --smoke-test 2>&1 \
            | grep -E '^smoke test' >&2 || true
        [ -f "$aot" ] || { echo "no startup cache was written" >&2; exit 1; }
    fi
    flags+=(-XX:AOTCache="$aot")
fi
echo "JVM options: ${flags[*]}" >&2
if [ "$platform" = headless ]; then flags+=(-Dglass.platform=Headless); fi
"$java" "${flags[@]}" -cp "$cp" \
    dev.easel.bench.GalleryBenchmark "$home" "$rows" "${4:-warm}" 2>&1 | grep -v -E '^WARNING|Unsupported JavaFX configuration'
