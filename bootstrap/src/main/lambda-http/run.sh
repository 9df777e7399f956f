#!/bin/sh
# The HTTP API on AWS Lambda: the handler of a java21 function with the AWS Lambda Web Adapter
# layer and AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap. The adapter runs this script instead of the
# Java runtime, waits until the server answers, and forwards every request to it.
#
# The adapter drops the flags the Java runtime would have started the JVM with, so the ones
# that matter are set here as that runtime sets them: C1 only (measured: half the start-up time
# on one CPU, where C2 compiles compete with Spring starting), the serial collector (a small heap
# needs no GC threads) and IPv4. JAVA_OPTS adds more; JAVA_TOOL_OPTIONS works as usual.
here=$(cd "$(dirname "$0")" && pwd)

exec java \
    -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC \
    -Djava.net.preferIPv4Stack=true \
    $JAVA_OPTS \
    -cp "$here/classes:$here/lib/*" \
    dev.livetodos.bootstrap.LivetodosApplication \
    --server.port="${AWS_LWA_PORT:-${PORT:-8080}}" \
    --server.address=127.0.0.1
