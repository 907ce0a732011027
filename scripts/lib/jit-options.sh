# jit_options: the JVM options of the JIT for the service on this machine. With two cores or fewer, C1
# alone: under load, C2 compiles the request path for minutes after a start (its queue still held
# 750 methods a minute in), taking one of the two cores from the requests, so for the first minutes C1
# alone answers more (scripts/benchmark.sh, README "Figures"). Once C2 is done (about four minutes of
# load) a retrieve costs less with its code: 13 to 54 % less CPU in five pairs; a sync provision and a
# poll cost the same or more (three pairs each; scripts/benchmark-jvm.sh -XX:TieredStopAtLevel=4), and
# the start takes 4 % longer. More cores leave C2 a core of its own.
jit_options() {
    if [ "$(nproc)" -le 2 ]; then
        echo "-XX:TieredStopAtLevel=1"
    fi
}
