package llmbench.lifecycle.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OsMemoryTest {

    @Test
    void meminfoUsedIsTotalMinusAvailable() {
        String meminfo = "MemTotal:       24731648 kB\nMemFree:        22323200 kB\nMemAvailable:   23910400 kB\nBuffers: 1 kB\n";
        assertEquals((24731648 - 23910400) / 1024.0, OsMemory.parseMeminfoUsedMb(meminfo).getAsDouble(), 1e-9);
        assertFalse(OsMemory.parseMeminfoUsedMb("MemTotal: 5 kB\n").isPresent());
    }

    @Test
    void vmStatWiredPagesTimesPageSize() {
        String vmStat = "Mach Virtual Memory Statistics: (page size of 16384 bytes)\nPages free:    1000.\n"
                + "Pages wired down:                     2048000.\n";
        assertEquals(2048000L * 16384 / 1048576.0, OsMemory.parseVmStatWiredMb(vmStat).getAsDouble(), 1e-9);
    }

    @Test
    void vmRssFromProcStatus() {
        assertEquals(123456, OsMemory.parseVmRssKb("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\n").getAsDouble());
        assertFalse(OsMemory.parseVmRssKb("Name:\tkthreadd\n").isPresent());
    }

    @Test
    void thisJvmHasAResidentSetAndTheSystemAFigure() {
        OsMemory m = OsMemory.detect();
        assertTrue(m.processTreeRssMb(ProcessHandle.current().pid()).getAsDouble() > 1);
        assertTrue(m.systemUsedMb().getAsDouble() > 1);
    }
}
