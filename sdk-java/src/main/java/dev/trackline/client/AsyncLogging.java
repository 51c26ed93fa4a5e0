package dev.trackline.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous logging: calls wait in a bounded queue (a full queue makes the caller wait) and one
 * worker thread sends them as log-batch requests ({@link QueuedBatchSender}). The worker gathers
 * consecutive calls of one run until they fill a request or the first of them has waited the
 * batch window, so a fast loop sends full requests and a slow one sends each value after at most
 * the window. Calls go out in the order they were queued.
 *
 * <p>{@link #flush()} returns when every call queued before it was sent, and throws what the
 * server refused meanwhile (each failure names its call). {@link #close()} flushes and stops the
 * worker. A JVM that exits without either flushes first (a shutdown hook), printing failures.
 */
final class AsyncLogging implements AutoCloseable {
  /** At most this many failures are kept for the next flush; the others are counted. */
  private static final int MAX_KEPT_FAILURES = 100;

  private final BlockingQueue<Object> queue;
  private final long windowNanos;
  private final QueuedBatchSender sender;
  private final ExecutorService worker;
  private final AtomicLong calls = new AtomicLong();
  private final List<TracklineException> failures = new ArrayList<>();
  private final Thread shutdownHook;
  private long droppedFailures;
  private volatile boolean closed;

  /** What the worker takes to finish: everything queued before it is sent, then the worker stops. */
  private static final Object STOP = new Object();

  AsyncLogging(int capacity, Duration window, QueuedBatchSender sender) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.windowNanos = window.toNanos();
    this.sender = sender;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "trackline-async-logging");
      t.setDaemon(true);
      return t;
    });
    worker.execute(this::work);
    this.shutdownHook = new Thread(this::flushAtExit, "trackline-async-logging-exit");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The number the next call gets (the values of one batch call share one). */
  long nextCallNumber() {
    return calls.incrementAndGet();
  }

  /** Queues a call, waiting while the queue is full. */
  void submit(QueuedCall call) {
    put(call);
  }

  /** Waits until every call queued before it is sent; throws the failures since the last flush. */
  void flush() {
    if (closed) {
      throwFailures();
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    put(done);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TracklineException(TracklineException.CONNECTION_ERROR, 0, "interrupted while flushing queued calls", e);
    }
    throwFailures();
  }

  /** Flushes, then stops the worker. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      put(STOP);
      worker.shutdown();
      try {
        worker.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException exiting) {
        // the JVM is shutting down: the hook runs or ran
      }
    }
  }

  private void put(Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TracklineException(TracklineException.CONNECTION_ERROR, 0, "interrupted while queueing a call", e);
    }
  }

  private void throwFailures() {
    TracklineException first;
    synchronized (failures) {
      if (failures.isEmpty()) {
        return;
      }
      first = failures.get(0);
      for (TracklineException more : failures.subList(1, failures.size())) {
        first.addSuppressed(more);
      }
      if (droppedFailures > 0) {
        first.addSuppressed(new TracklineException(first.getErrorCode(), first.getHttpStatus(),
            droppedFailures + " more groups of queued calls were not logged"));
      }
      failures.clear();
      droppedFailures = 0;
    }
    throw first;
  }

  private void record(List<TracklineException> failed) {
    synchronized (failures) {
      for (TracklineException e : failed) {
        if (failures.size() < MAX_KEPT_FAILURES) {
          failures.add(e);
        } else {
          droppedFailures++;
        }
      }
    }
  }

  /** The worker: gathers calls of one run, sends them when full, old, or asked to. */
  private void work() {
    List<QueuedCall> pending = new ArrayList<>();
    int metrics = 0;
    int params = 0;
    int tags = 0;
    long deadline = 0;
    while (true) {
      Object item;
      try {
        item = pending.isEmpty() ? queue.take() : queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        send(pending);
        return;
      }
      if (item instanceof QueuedCall) {
        QueuedCall call = (QueuedCall) item;
        if (!pending.isEmpty() && !pending.get(0).runId.equals(call.runId)) {
          send(pending);
          metrics = params = tags = 0;
        }
        if (pending.isEmpty()) {
          deadline = System.nanoTime() + windowNanos;
        }
        pending.add(call);
        metrics += call.metric != null ? 1 : 0;
        params += call.param != null ? 1 : 0;
        tags += call.tag != null ? 1 : 0;
        if (!Batches.fillsARequest(metrics, params, tags)) {
          continue;
        }
      }
      send(pending); // full, the window is over (item == null), a flush or the end
      metrics = params = tags = 0;
      if (item instanceof CountDownLatch) {
        ((CountDownLatch) item).countDown();
      } else if (item == STOP) {
        return;
      }
    }
  }

  private void send(List<QueuedCall> pending) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      record(sender.send(pending.get(0).runId, pending));
    } catch (RuntimeException | Error unexpected) {
      // Reported at the next flush; the worker lives on, so flushes never wait for a dead one.
      record(List.of(new TracklineException("INTERNAL_ERROR", 0,
          pending.size() + " queued calls were not logged: " + unexpected, unexpected)));
    }
    pending.clear();
  }

  private void flushAtExit() {
    try {
      flush();
    } catch (TracklineException e) {
      System.err.println("trackline: queued logging calls failed at exit: " + e.getMessage());
    }
  }
}
