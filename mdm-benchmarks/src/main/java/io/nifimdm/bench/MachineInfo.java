package io.nifimdm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a benchmark ran, for the header of its table (so the README can say so). */
final class MachineInfo {

    private MachineInfo() {
    }

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        lines.add("CPU: " + cpuModel() + ", " + runtime.availableProcessors() + " cores available to the JVM");
        lines.add(String.format("Memory: %.1f GiB physical; JVM max heap %d MiB", os.getTotalMemorySize() / 1073741824.0,
                runtime.maxMemory() >> 20));
        lines.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + "), GC: " + garbageCollectors()
                + ", args: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + String.format(", load average at start %.2f", os.getSystemLoadAverage()));
        return lines;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all we know
        }
        return System.getProperty("os.arch");
    }

    private static String garbageCollectors() {
        List<String> names = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
        return String.join(" + ", names);
    }
}
