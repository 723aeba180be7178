/**
 * Preloaded (`node --require`) into a process the benchmark starts: at exit it writes what the whole
 * process cost — CPU of every thread (workers included) and peak resident memory — to the file
 * named by SCHEMASENSE_BENCH_REPORT.
 */
import * as fs from 'fs';

const target = process.env.SCHEMASENSE_BENCH_REPORT;
if (target) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    fs.writeFileSync(target, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  });
}
