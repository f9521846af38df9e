#!/usr/bin/env bash
# Startup time of the packaged app (build it first: ./mvnw -Pdist package -DskipTests) to an interactive studio,
# with its startup cache (the JDK 25 AOT cache the build writes for the app-image, as an install does), with only the
# JDK's CDS archive, with no class-data sharing at all (what a missing cache means), and the floor: an empty JavaFX
# window on the same runtime. "cold" empties the OS's file cache before every run (needs root: it writes
# /proc/sys/vm/drop_caches), so the disk reads of a first start after boot are in the numbers. Needs a display
# (e.g. Xvfb :77 & export DISPLAY=:77). Prints each run and the medians. Usage: src/test/scripts/startup-benchmark.sh [RUNS=7] [warm|cold]
set -euo pipefail
runs=${1:-7}
mode=${2:-warm}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
image="$repo/target/dist/image/Easel"
[ -x "$image/bin/Easel" ] || { echo "build the app-image first: ./mvnw -Pdist package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# copies of the app-image whose launcher leaves out the startup cache, or all class-data sharing (on Linux the
# launcher is a script with the options written in; elsewhere jpackage's launcher reads them from the .cfg)
cp -r "$image" "$work/nocds-app"
sed -i '/AOTCache\|Xlog:aot/d' "$work/nocds-app/lib/app/Easel.cfg" "$work/nocds-app/bin/Easel"
rm -f "$work/nocds-app/lib/app/easel.aot"
cp -r "$work/nocds-app" "$work/noshare"
sed -i 's/^\[JavaOptions\]$/[JavaOptions]\njava-options=-Xshare:off/' "$work/noshare/lib/app/Easel.cfg"
sed -i 's/^\(exec .*java"\) \\$/\1 -Xshare:off \\/' "$work/noshare/bin/Easel"
(cd "$repo" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} ./mvnw -B -ntp -q test-compile >/dev/null)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # name, command...
    local name=$1; shift
    local times=()
    for i in $(seq "$runs"); do
        if [ "$mode" = cold ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi
        t=$(EASEL_HOME="$work/home" JAVA_TOOL_OPTIONS="-Deasel.startupProbe=true" "$@" 2>/dev/null \
            | sed -n 's/.*startup-ms=\([0-9]*\).*/\1/p' | tail -1)
        times+=("$t")
    done
    echo "$name: ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"
}
"$image/bin/Easel" startup-cache --if-needed >/dev/null 2>&1   # the cache is there, the OS caches are warm
measure "Easel with its startup cache (AOT)" "$image/bin/Easel"
measure "Easel, JDK CDS only" "$work/nocds-app/bin/Easel"
measure "Easel, no CDS (-Xshare:off)" "$work/noshare/bin/Easel"
measure "empty JavaFX window (floor)" "$image/lib/runtime/bin/java" --add-modules javafx.controls \
    -cp "$repo/target/test-classes" dev.easel.bench.EmptyWindow
