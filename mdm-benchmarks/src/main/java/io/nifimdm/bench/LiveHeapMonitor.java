package io.nifimdm.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use right after a garbage collection since the last reset: what a run really
 * held, as opposed to pool peaks, which include garbage that was never collected.
 */
final class LiveHeapMonitor {

    private final AtomicLong maximum = new AtomicLong();
    private final java.util.Set<String> heapPools = new java.util.HashSet<>();

    LiveHeapMonitor() {
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .forEach(pool -> heapPools.add(pool.getName()));
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> heapPools.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed()).sum();
                        maximum.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    void reset() {
        maximum.set(0);
    }

    /** Bytes; 0 when no collection ran since the reset. */
    long maximum() {
        return maximum.get();
    }
}
