// Command hlprof is healthloc with a CPU profile (HLPROF=file) or a
// profile of the live heap near its peak (HLHEAP=file). Local only.
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/healthloc/healthloc/internal/cli"
)

func main() {
	if f := os.Getenv("HLHEAP"); f != "" {
		go heapPeaks(f)
	}
	if f := os.Getenv("HLPROF"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		code := cli.Main()
		pprof.StopCPUProfile()
		out.Close()
		os.Exit(code)
	}
	os.Exit(cli.Main())
}

// heapPeaks writes a heap profile to file each time the live heap grows
// past its last peak by a tenth.
func heapPeaks(file string) {
	var peak uint64
	var ms runtime.MemStats
	for range time.Tick(20 * time.Millisecond) {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse < peak+peak/10 {
			continue
		}
		peak = ms.HeapInuse
		if out, err := os.Create(file); err == nil {
			pprof.Lookup("heap").WriteTo(out, 0)
			out.Close()
		}
	}
}
