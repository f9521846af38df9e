# Sourced by the benchmark scripts: easel_test_classpath REPO compiles the tests and prints the class path
# (test classes, classes, every test-scope dependency) for running the classes in src/test/java.
easel_test_classpath() {
    local repo=$1 cp_file
    cp_file=$(mktemp)
    (cd "$repo" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} ./mvnw -B -ntp -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$cp_file" >/dev/null)
    echo "$repo/target/test-classes:$repo/target/classes:$(cat "$cp_file")"
    rm -f "$cp_file"
}

# easel_app_jvm_options REPO prints the packaged app's JVM options (jlink.properties' java-options), one a line, as
# they apply to a JVM run from the class path: without the app-image's startup cache (a cache is only valid for the
# class path it was trained on: gallery-benchmark.sh trains its own) and with native access for the class path, so a
# benchmark measures the JVM users get.
easel_app_jvm_options() {
    local repo=$1
    sed -n '/^java-options=/,/[^\\]$/p' "$repo/jlink.properties" | sed 's/^java-options=//; s/\\$//' | tr ' ' '\n' \
        | grep -v -e '^$' -e '^-XX:AOTCache=' -e '^--enable-native-access=' -e '^-Dprism.order='
    echo "--enable-native-access=ALL-UNNAMED"
}
