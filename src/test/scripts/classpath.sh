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
