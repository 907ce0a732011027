# jit_options: the JVM options of the JIT for the service on this machine. With two cores or fewer, C1
# alone: under load, C2 compiles the request path for minutes after a start (its queue still held
# 750 methods a minute in), taking one of the two cores from the requests, and the code it gives
# later is not faster here (scripts/benchmark.sh, README "Figures"). More cores leave C2 a core of
# its own.
jit_options() {
    if [ "$(nproc)" -le 2 ]; then
        echo "-XX:TieredStopAtLevel=1"
    fi
}
