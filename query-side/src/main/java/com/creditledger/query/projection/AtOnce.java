package com.creditledger.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs at the same time on threads of its own, the first on the caller's: the steps after
 * a replay are statements over whole tables, and PostgreSQL gives a statement that writes no
 * parallel workers, so one at a time they leave a core idle. Returns once all are done; the first
 * failure is thrown, with the others suppressed in it.
 */
public final class AtOnce {

    private AtOnce() {
    }

    public static void run(String name, List<Runnable> work) {
        List<FutureTask<Void>> others = new ArrayList<>();
        for (int i = 1; i < work.size(); i++) {
            FutureTask<Void> task = new FutureTask<>(work.get(i), null);
            new Thread(task, name + "-" + i).start();
            others.add(task);
        }
        RuntimeException failure = null;
        try {
            work.get(0).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (FutureTask<Void> task : others) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                RuntimeException cause = new IllegalStateException(name + " failed", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
