package org.vpsconnector.application.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vpsconnector.application.port.out.ContextRepository;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;
import org.vpsconnector.application.port.out.InstanceRepository;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.TransitionLog;
import org.vpsconnector.application.port.out.UsageRepository;
import org.vpsconnector.application.port.out.DrainRepository;
import org.vpsconnector.application.port.out.VpsRepository;

/**
 * The in-memory database as a reader under READ COMMITTED sees it (PostgreSQL's default): each
 * statement sees what was committed when it ran, so other transactions may commit between two
 * reads of one transaction. {@code afterStatement} is told each statement as it ends
 * ({@code "VpsRepository.find"}), to commit other work at the worst moment.
 */
public final class ReadCommittedView implements Transactions {
    private final InMemoryTransactions committed;
    private final Consumer<String> afterStatement;

    public ReadCommittedView(InMemoryTransactions committed, Consumer<String> afterStatement) {
        this.committed = committed;
        this.afterStatement = afterStatement;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return work.run(new Repositories(
                statementByStatement(VpsRepository.class, Repositories::vpses),
                statementByStatement(OperationRepository.class, Repositories::operations),
                statementByStatement(TransitionLog.class, Repositories::transitions),
                statementByStatement(InstanceRepository.class, Repositories::instances),
                statementByStatement(ContextRepository.class, Repositories::contexts),
                statementByStatement(ControllerUpdateRepository.class, Repositories::controllerUpdates),
                statementByStatement(UsageRepository.class, Repositories::usage),
                statementByStatement(DrainRepository.class, Repositories::drains)));
    }

    @Override
    public void ping() {
        committed.ping();
    }

    private <R> R statementByStatement(Class<R> port, Function<Repositories, R> repository) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (self, method, arguments) -> {
                    Object result = committed.inTransaction(repositories -> invoke(method, repository.apply(repositories), arguments));
                    afterStatement.accept(port.getSimpleName() + "." + method.getName());
                    return result;
                });
        return port.cast(proxy);
    }

    private static Object invoke(Method method, Object target, Object[] arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.getCause());
        } catch (IllegalAccessException inaccessible) {
            throw new IllegalStateException(inaccessible);
        }
    }
}
