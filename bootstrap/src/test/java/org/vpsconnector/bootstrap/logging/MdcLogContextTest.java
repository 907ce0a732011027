package org.vpsconnector.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.vpsconnector.application.port.out.LogContext;

class MdcLogContextTest {
    private static final MdcLogContext CONTEXT = MdcLogContext.INSTANCE;
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() {
        otherThread.shutdownNow();
        MDC.clear();
    }

    @Test
    void aScopeMarksTheThreadAndClosingItBringsBackWhatItHadBefore() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();
        try (LogContext.Scope request = CONTEXT.open("txn-outer", outer)) {
            try (LogContext.Scope attempt = CONTEXT.open(null, inner)) {
                assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).isNull();
                assertThat(MDC.get(MdcLogContext.INSTANCE_ID)).isEqualTo(inner.toString());
            }
            assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).isEqualTo("txn-outer");
            assertThat(MDC.get(MdcLogContext.INSTANCE_ID)).isEqualTo(outer.toString());
        }
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys(MdcLogContext.TRANSACTION_ID, MdcLogContext.INSTANCE_ID);
    }

    @Test
    void workHandedToAnotherThreadCarriesTheMarksAndLeavesThatThreadAsItWas() throws Exception {
        UUID instance = UUID.randomUUID();
        Runnable carried;
        try (LogContext.Scope request = CONTEXT.open("txn-1", instance)) {
            carried = CONTEXT.carry(() -> {
                assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).isEqualTo("txn-1");
                assertThat(MDC.get(MdcLogContext.INSTANCE_ID)).isEqualTo(instance.toString());
            });
        }
        otherThread.submit(() -> MDC.put(MdcLogContext.TRANSACTION_ID, "the pool thread's own")).get();

        otherThread.submit(carried).get();

        assertThat(otherThread.submit(() -> MDC.get(MdcLogContext.TRANSACTION_ID)).get()).isEqualTo("the pool thread's own");
        assertThat(otherThread.submit(() -> MDC.get(MdcLogContext.INSTANCE_ID)).get()).isNull();
    }

    @Test
    void aCallableCarriesTheMarksTakenWhenItWasWrappedNotWhenItRuns() throws Exception {
        java.util.concurrent.Callable<String> carried;
        try (LogContext.Scope request = CONTEXT.open("txn-when-handed-over", UUID.randomUUID())) {
            carried = CONTEXT.carry(() -> MDC.get(MdcLogContext.TRANSACTION_ID));
        }
        try (LogContext.Scope later = CONTEXT.open("txn-of-someone-else", UUID.randomUUID())) {
            assertThat(otherThread.submit(carried).get()).isEqualTo("txn-when-handed-over");
        }
    }

    @Test
    void workHandedOverWithoutMarksRunsWithoutMarks() throws Exception {
        Runnable carried = CONTEXT.carry(() -> assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).isNull());
        otherThread.submit(() -> MDC.put(MdcLogContext.TRANSACTION_ID, "left over")).get();

        otherThread.submit(carried).get();
    }

    @Test
    void lineBreaksAndOtherControlCharactersFromTheControllerNeverReachALine() {
        try (LogContext.Scope request = CONTEXT.open("abc\r\nERROR [forged] line\u0000\u001b[31m\u0085\u2028\u2029\u202eend",
                "inst\nance")) {
            assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).isEqualTo("abcERROR [forged] line[31mend");
            assertThat(MDC.get(MdcLogContext.INSTANCE_ID)).isEqualTo("instance");
        }
    }

    @Test
    void anOverlongValueIsCut() {
        try (LogContext.Scope request = CONTEXT.open("t".repeat(10_000), "i".repeat(500))) {
            assertThat(MDC.get(MdcLogContext.TRANSACTION_ID)).hasSize(MdcLogContext.MAX_LENGTH);
            assertThat(MDC.get(MdcLogContext.INSTANCE_ID)).hasSize(MdcLogContext.MAX_LENGTH);
        }
    }

    @Test
    void printableAsciiIsKeptAsSentUpToTheLengthAndStrippedOfOuterSpaces() {
        String printable = IntStream.rangeClosed(' ' + 1, '~')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(MdcLogContext.harmless(printable)).isEqualTo(printable);
        assertThat(MdcLogContext.harmless("a b")).isEqualTo("a b");
        assertThat(MdcLogContext.harmless("  padded id ")).isEqualTo("padded id");
        assertThat(MdcLogContext.harmless("x".repeat(MdcLogContext.MAX_LENGTH))).hasSize(MdcLogContext.MAX_LENGTH);
        assertThat(MdcLogContext.harmless("x".repeat(MdcLogContext.MAX_LENGTH) + "y")).isEqualTo("x".repeat(MdcLogContext.MAX_LENGTH));
        assertThat(MdcLogContext.harmless("del\u007fete")).isEqualTo("delete");
        assertThat(MdcLogContext.harmless("tab\tbed")).isEqualTo("tabbed");
        assertThat(MdcLogContext.harmless("caf\u00e9")).isEqualTo("caf\u00e9");
        assertThat(MdcLogContext.harmless("")).isNull();
    }

    @Test
    void aValueWithNothingPrintableMarksNothing() {
        assertThat(MdcLogContext.harmless(" \r\n\t")).isNull();
        assertThat(MdcLogContext.harmless(null)).isNull();
    }
}
