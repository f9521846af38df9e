#!/usr/bin/env bash
# Times `easel decode` against the Runpod tutorial's Python decode (json + base64 + Pillow) on saved /status
# answers. Needs python3 with Pillow (Debian: python3-pil) and a compiled tree (./mvnw compile).
# Usage: src/test/scripts/decode-vs-python.sh DIR_OF_ANSWERS
set -euo pipefail
answers=${1:?a folder of saved /status answers (*.json)}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cp_file=$(mktemp)
(cd "$repo" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$repo/target/classes:$(cat "$cp_file")"
out=$(mktemp -d)
mkdir -p "$out/py" "$out/easel"
t0=$(date +%s.%N)
for f in "$answers"/*.json; do python3 "$here/tutorial_decode.py" "$f" "$out/py/$(basename "$f" .json).png"; done
t1=$(date +%s.%N)
"$java" -Djava.awt.headless=true -cp "$cp" dev.easel.Launcher decode "$answers"/*.json --out "$out/easel" >/dev/null
t2=$(date +%s.%N)
echo "python, one run per answer: $(echo "$t1 - $t0" | bc) s"
echo "easel decode, all answers:  $(echo "$t2 - $t1" | bc) s"
rm -rf "$out" "$cp_file"
